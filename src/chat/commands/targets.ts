/**
 * `指标` / `targets` [period]: the sales targets of a quarter or year against actual sales
 * (the manager's team, everyone for the director and the assistant, a specialist their own);
 * `指标调整` / `change target`: the form to ask for a change during the period.
 */
import { i18n, pick } from '../../domain/i18n.js';
import { isDomainError } from '../../domain/errors.js';
import { parsePeriod, periodOf } from '../../domain/kpi/period.js';
import { targetChangeFormFor, targetPeriod, targetsCardFor } from '../../app/kpi/targets.js';
import { periodKey } from '../../domain/kpi/period.js';
import type { Command } from '../registry.js';

export const targetsCommand: Command = {
  name: 'targets',
  words: ['targets', 'target', 'sales targets', '指标', '销售指标', '销售目标'],
  strict: true,
  title: i18n('销售指标', 'Sales targets'),
  usage: i18n('各专员本季度或年度的指标与实际完成；经理在卡片中设定', 'each specialist’s quarter or year target against actual sales; the manager sets them in the card'),
  examples: { zh_cn: ['指标', '指标 2026年'], en_us: ['targets', 'targets 2026'] },
  roles: ['director', 'manager', 'assistant', 'specialist'],
  button: true,
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    try {
      const period = ctx.args.trim() ? targetPeriod(periodKey(parsePeriod(ctx.args, { now: ctx.now, timeZone: tz }))) : periodOf('quarter', ctx.now, tz);
      await ctx.reply({ card: await targetsCardFor(ctx.tx, ctx.member, period, { now: ctx.now, timeZone: tz }) }, { private: true });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};

export const targetChangeCommand: Command = {
  name: 'change target',
  words: ['change target', 'target change', '指标调整', '调整指标', '目标调整'],
  title: i18n('指标调整', 'Change a target'),
  usage: i18n('期间内申请调整销售指标，经理审批；批准前按原指标核定', 'ask to change a target within its period; the manager approves, and the original counts until then'),
  examples: { zh_cn: ['指标调整'], en_us: ['change target'] },
  roles: ['director', 'manager', 'specialist'],
  async run(ctx) {
    try {
      await ctx.reply({ card: await targetChangeFormFor(ctx.tx, ctx.member, { now: ctx.now, timeZone: ctx.deps.config.timeZone }) }, { private: true });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
