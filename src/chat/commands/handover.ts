/** "/handover @离职人 @接任者" / "交接 …": an admin or manager hands all of someone's customers and open work to a successor. */
import { handover } from '../../app/customer/handover.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { Command } from '../registry.js';

export const handoverCommand: Command = {
  name: 'handover',
  words: ['handover', '交接', '工作交接'],
  title: i18n('工作交接', 'Handover'),
  usage: i18n('客户、拜访、接待、报销、待审批、待办一并转交', 'customers, visits, receptions, claims, approvals and duties move over'),
  examples: { zh_cn: ['交接 @离职人 @接任者'], en_us: ['handover @leaving @successor'] },
  roles: ['manager', 'director'],
  async run(ctx) {
    const [leaving, successor] = ctx.mentions;
    if (!leaving || !successor || ctx.mentions.length !== 2) {
      await ctx.reply({ text: pick(i18n('用法：交接 @离职人 @接任者', 'Usage: /handover @leaving-member @successor'), ctx.locale) });
      return;
    }
    try {
      const r = await handover(ctx.tx, { actor: ctx.member, leavingId: leaving.openId, successorId: successor.openId }, ctx);
      await ctx.reply({
        text: pick(
          i18n(
            `交接完成：${leaving.name} → ${successor.name}。客户 ${r.customers.length} 个，拜访 ${r.records.visits} 次，接待 ${r.records.receptions} 次，审批 ${r.stepsTransferred} 项，待办 ${r.obligations} 项，关闭 ${r.records.closed.length} 项${r.records.equipment.length ? `，借用设备 ${r.records.equipment.length} 件待归还：${r.records.equipment.map((e) => e.zh_cn).join('、')}` : ''}${r.stepsLeft.length ? `；${r.stepsLeft.length} 项审批需管理员手动转交` : ''}。`,
            `Handover done: ${leaving.name} → ${successor.name}. Customers: ${r.customers.length}, visits: ${r.records.visits}, receptions: ${r.records.receptions}, approvals: ${r.stepsTransferred}, duties: ${r.obligations}, closed: ${r.records.closed.length}${r.records.equipment.length ? `, borrowed equipment to return: ${r.records.equipment.map((e) => e.en_us).join(', ')}` : ''}${r.stepsLeft.length ? `; ${r.stepsLeft.length} approvals need an admin to transfer` : ''}.`,
          ),
          ctx.locale,
        ),
      });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
