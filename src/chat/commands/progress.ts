/**
 * `进展 客户：内容` / `/progress …`: a development progress report by message (domain.md §3.1).
 * With one customer under development the text is its report; with several the message names
 * the customer (short names work: 华能 for 中国华能集团). No text → the form.
 */
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import { formatFriendly } from '../../domain/time.js';
import { findCustomerMention } from '../../domain/parse/customer-mention.js';
import { openProgressDuties, type ProgressDuty } from '../../app/progress/open.js';
import { progressForm } from '../../app/progress/card-handlers.js';
import { submitProgressReport } from '../../app/progress/submit.js';
import type { Command } from '../registry.js';

function dutyFor(duties: ProgressDuty[], text: string): ProgressDuty | null {
  if (duties.length === 1) return duties[0]!;
  const name = findCustomerMention(text, duties.map((d) => d.customerName));
  return duties.find((d) => d.customerName === name) ?? null;
}

export const progressCommand: Command = {
  name: 'progress',
  words: ['progress', '进展', '开发进展', '进展汇报', '汇报进展'],
  strict: true,
  title: i18n('开发进展汇报', 'Development progress'),
  usage: i18n('开发中客户的定期汇报', 'the periodic report on a customer under development'),
  examples: { zh_cn: ['进展 客户名称：内容'], en_us: ['progress <customer>: <text>'] },
  roles: ['specialist'],
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    const duties = await openProgressDuties(ctx.tx, ctx.member.openId);
    if (!duties.length) {
      await ctx.reply({ text: pick(i18n('您目前没有需要汇报进展的开发中客户。', 'You have no customer under development with a progress report due.'), ctx.locale) });
      return;
    }
    const formOnly = /^(form|表单|填写|填表)?$/i.test(ctx.args.trim());
    const duty = dutyFor(duties, ctx.args);
    if (!duty) {
      if (formOnly) {
        for (const d of duties) await ctx.reply({ card: progressForm(d, tz) });
        return;
      }
      const names = duties.map((d) => d.customerName);
      await ctx.reply({
        text: pick(
          i18n(`请注明是哪个客户的进展，例如「进展 ${names[0]}：……」。待汇报：${names.join('、')}`, `Which customer is it about? e.g. "/progress ${names[0]}: …". Due: ${names.join(', ')}`),
          ctx.locale,
        ),
      });
      return;
    }
    if (formOnly) {
      await ctx.reply({ card: progressForm(duty, tz) });
      return;
    }
    try {
      const done = await submitProgressReport(ctx.tx, { timeZone: tz, now: ctx.now, ids: ctx.deps.ids }, { member: ctx.member, duty, body: ctx.args, source: 'message' });
      const next = done.nextDueAt ? i18n(`下次汇报截止 ${formatFriendly(done.nextDueAt, tz, 'zh_cn')}。`, ` Next report due ${formatFriendly(done.nextDueAt, tz, 'en_us')}.`) : i18n('', '');
      const told = done.managerName ? i18n(`已发给${done.managerName}。`, ` Sent to ${done.managerName}.`) : i18n('', '');
      await ctx.reply({
        text: pick(i18n(`「${duty.customerName}」的进展已提交。${told.zh_cn}${next.zh_cn}`, `Progress on ${duty.customerName} submitted.${told.en_us}${next.en_us}`), ctx.locale),
      });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
