/** `接待 客户` / `/reception <customer>`: the reception plan form; "接待报告 …" goes to the report flow. */
import { listMembers } from '../../app/roster.js';
import { PLANNERS } from '../../app/visit/plan-form.js';
import { receptionFormCard } from '../../../cards/reception-card.js';
import { colleaguesFor } from '../../domain/colleagues.js';
import { i18n, pick } from '../../domain/i18n.js';
import { rosterOf } from '../../domain/roster.js';
import type { Command } from '../registry.js';
import { customerAndTime } from './visit-common.js';
import { formatDateTime } from '../../domain/time.js';
import { takeIfReport } from './visit-free-text.js';

export const receptionCommand: Command = {
  name: 'reception',
  words: ['reception', '接待', '客户接待', '接待计划'],
  strict: true,
  namesCustomer: true,
  title: i18n('客户接待', 'Plan a reception'),
  usage: i18n('接待计划；接待后把接待报告直接发给我', 'the plan; afterwards just send me the reception report'),
  examples: { zh_cn: ['接待 客户名称'], en_us: ['reception <customer>'] },
  roles: PLANNERS,
  async run(ctx) {
    if (await takeIfReport(ctx, { untriggered: false })) return;
    if (!ctx.args) {
      await ctx.reply({ text: pick(i18n('请写上客户名称，例如：接待 华东电网', 'Name the customer, e.g. /reception East China Grid'), ctx.locale) });
      return;
    }
    const named = await customerAndTime(ctx, ctx.args);
    if (!named) return;
    const { customer } = named;
    const members = (await listMembers(ctx.tx)).filter((m) => m.active);
    await ctx.reply({
      card: receptionFormCard({
        customerId: customer.id,
        customerName: customer.name,
        people: colleaguesFor(rosterOf(members), ctx.member),
        leaders: members.filter((m) => m.role === 'director' || m.role === 'manager').map((m) => ({ openId: m.openId, name: m.name })),
        ...(named.prefill ? { initialAt: formatDateTime(named.prefill.at, ctx.deps.config.timeZone) } : {}),
      }),
    });
  },
};
