/**
 * `归还` / `/returned`: borrowed equipment given back. With one loan out (or one matching the words
 * after the command, e.g. `归还 相机`) the return is recorded at once; otherwise the list comes
 * back with a button per loan.
 */
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import { loansCardFor, openLoansFor, recordReturn } from '../../app/requests/equipment.js';
import type { Command } from '../registry.js';

export const returnCommand: Command = {
  name: 'return',
  // (plain 'return' is the approver's 退回 when replying to an approval card)
  words: ['returned', 'return equipment', 'equipment returned', '归还', '设备归还', '归还设备', '已归还'],
  strict: true,
  title: i18n('设备归还', 'Return equipment'),
  usage: i18n('借用的设备还回后登记', 'record borrowed equipment as given back'),
  examples: { zh_cn: ['归还'], en_us: ['returned'] },
  roles: 'all',
  async run(ctx) {
    const loans = await openLoansFor(ctx.tx, ctx.member.openId);
    if (!loans.length) {
      await ctx.reply({ text: pick(i18n('您没有待归还的借用设备。借用设备请发送「申请 设备」。', 'You have no borrowed equipment to return. To borrow some, send "apply equipment".'), ctx.locale) });
      return;
    }
    const words = ctx.args.trim().toLowerCase();
    const matching = words ? loans.filter((l) => l.label.zh_cn.toLowerCase().includes(words) || l.label.en_us.toLowerCase().includes(words)) : loans;
    if (matching.length !== 1) {
      await ctx.reply({ card: await loansCardFor(ctx.tx, ctx.member, ctx.now, ctx.deps.config.timeZone) });
      return;
    }
    try {
      const { label } = await recordReturn(ctx.tx, { loanId: matching[0]!.id, actor: ctx.member }, ctx);
      await ctx.reply({ text: pick(i18n(`已登记「${label.zh_cn}」归还，提醒随之停止。`, `${label.en_us} recorded as returned; the reminders stop.`), ctx.locale) });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
