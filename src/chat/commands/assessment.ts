/**
 * `考核` / `assessment` [quarter] [team | person | 部门]: the manager's quarterly assessment
 * (§1.2.1) — the team's four figures and a row per specialist — for a manager's own team, or
 * any team or all of them for the director and the assistant. A specialist, a month or a year,
 * a quarter that has not begun or a name not on the roster gets a clear answer and nothing else.
 */
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import { assessmentCardFor } from '../../app/kpi/assessment.js';
import type { Command } from '../registry.js';
import { kpiQueryOf } from './kpi.js';

export const assessmentCommand: Command = {
  name: 'assessment',
  words: ['考核', 'assessment'],
  strict: true,
  title: i18n('季度考核', 'Quarterly assessment'),
  usage: i18n('经理的季度考核：销售计划完成率、档案完整率、流失率、新开发率，团队及每位专员', 'the manager’s quarterly assessment: sales plan, archives, churn and new development, for the team and each specialist'),
  examples: { zh_cn: ['考核', '考核 上季度'], en_us: ['assessment', 'assessment last quarter'] },
  roles: ['director', 'manager', 'assistant'],
  button: true,
  async run(ctx) {
    try {
      const card = await assessmentCardFor(ctx.tx, ctx.member, kpiQueryOf(ctx), { now: ctx.now, timeZone: ctx.deps.config.timeZone });
      await ctx.reply({ card }, { private: true });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
