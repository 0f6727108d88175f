/**
 * `报销` / `/reimburse [customer]`: a reimbursement of a visit or reception. With one candidate
 * (or one for the customer named) it goes straight to the gate; several give a pick list.
 */
import { reimbursementPickCard } from '../../../cards/reimbursement-form.js';
import { reimbLabel, reimbursablesOf, startReimbursement } from '../../app/reimbursement/start.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import { findCustomerMention } from '../../domain/parse/customer-mention.js';
import type { Command } from '../registry.js';

export const reimburseCommand: Command = {
  name: 'reimburse',
  words: ['reimburse', '报销', '费用报销'],
  strict: true,
  namesCustomer: true,
  title: i18n('费用报销', 'Reimbursement'),
  usage: i18n('需先提交拜访总结或接待报告', 'the visit summary or reception report comes first'),
  examples: { zh_cn: ['报销 客户名称'], en_us: ['reimburse <customer>'] },
  roles: ['specialist', 'manager', 'director', 'assistant', 'admin'],
  button: true,
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    let options = await reimbursablesOf(ctx.tx, ctx.member.openId);
    if (ctx.args) {
      const named = findCustomerMention(ctx.args, [...new Set(options.map((o) => o.customerName))]);
      options = options.filter((o) => o.customerName === named);
      if (!options.length) {
        await ctx.reply({ text: pick(i18n(`没有找到「${ctx.args}」可报销的拜访或接待。`, `No visit or reception for "${ctx.args}" to reimburse.`), ctx.locale) });
        return;
      }
    }
    if (!options.length) {
      await ctx.reply({ text: pick(i18n('你目前没有可报销的拜访或接待（需已批准）。', 'You have no approved visit or reception to reimburse.'), ctx.locale) });
      return;
    }
    if (options.length > 1) {
      await ctx.reply({ card: reimbursementPickCard(options.map((o) => ({ t: o.t, s: o.s, label: reimbLabel(o, tz) }))) });
      return;
    }
    try {
      const r = await startReimbursement(ctx.tx, { t: options[0]!.t, s: options[0]!.s, actor: ctx.member, now: ctx.now, timeZone: tz, ids: ctx.deps.ids });
      await ctx.reply({ card: r.card });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
