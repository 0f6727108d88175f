/** `状态` / `status` (admins): this month's Lark API calls, the projection, the top spenders. */
import { i18n } from '../../domain/i18n.js';
import { budgetNow } from '../../app/api-budget.js';
import { apiBudgetCard } from '../../../cards/api-budget.js';
import type { Command } from '../registry.js';

export const statusCommand: Command = {
  name: 'status',
  words: ['status', '状态', '用量'],
  title: i18n('API 用量', 'API usage'),
  usage: i18n('本月飞书 API 调用次数、月底预测和调用最多的接口', "this month's Feishu API calls, the month-end projection and the top spenders"),
  examples: { zh_cn: ['状态'], en_us: ['status'] },
  roles: ['admin'],
  adminOnly: true,
  button: true,
  async run(ctx) {
    const { config } = ctx.deps;
    const s = await budgetNow(ctx.tx, { now: ctx.now, monthlyBudget: config.lark.monthlyCallBudget, timeZone: config.timeZone });
    await ctx.reply({ card: apiBudgetCard(s) });
  },
};
