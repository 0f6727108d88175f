/**
 * `预算` / `budget` [year]: the service-cost budgets of a year (服务费用预算) against what was spent,
 * for the scopes the asker may see, with the form to set one for those who may (a manager their
 * team's members; the director and finance a team or the department).
 */
import { budgetCardFor } from '../../app/kpi/budgets.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import { budgetYear } from '../../domain/kpi/budgets.js';
import { wallParts } from '../../domain/time.js';
import type { Command } from '../registry.js';

export const budgetCommand: Command = {
  name: 'budget',
  words: ['预算', '服务费用预算', '费用预算', 'budget', 'budgets'],
  strict: true,
  title: i18n('服务费用预算', 'Service-cost budgets'),
  usage: i18n('年度服务费用预算与已报销；经理为本团队成员设定，总监和财务为团队或全部门设定', 'yearly service-cost budgets against spending; a manager sets them for the team’s members, the director and finance for a team or the department'),
  examples: { zh_cn: ['预算', '预算 明年'], en_us: ['budget', 'budget next year'] },
  roles: ['director', 'manager', 'finance', 'assistant', 'specialist'],
  button: true,
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    try {
      const year = budgetYear(ctx.args, wallParts(ctx.now, tz).year);
      await ctx.reply({ card: await budgetCardFor(ctx.tx, ctx.member, year, { now: ctx.now, timeZone: tz }) }, { private: true });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
