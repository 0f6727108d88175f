/**
 * `开发计划` / `dev plan` [period]: each specialist's planned new key accounts against those won;
 * `开发计划 2026Q4 李专员 3` sets one directly (the specialist's manager or the director).
 */
import { devPlanCardFor, setDevPlan } from '../../app/kpi/development-targets.js';
import { targetPeriod } from '../../app/kpi/targets.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import { parsePeriod, periodFromKey, periodKey, periodOf, type Period } from '../../domain/kpi/period.js';
import { loadRosterMap } from '../../app/customer/store.js';
import type { Command } from '../registry.js';
import { withoutMentions } from '../message.js';

export const devPlanCommand: Command = {
  name: 'dev plan',
  words: ['开发计划', '开发计划数', 'dev plan', 'development plan'],
  strict: true,
  title: i18n('开发计划', 'Development plan'),
  usage: i18n('各专员本季度或年度计划开发的新大客户数与已成交数；经理设定', 'each specialist’s planned new key accounts for a quarter or year against those won; the manager sets them'),
  examples: { zh_cn: ['开发计划', '开发计划 2026年'], en_us: ['dev plan', 'dev plan 2026'] },
  roles: ['director', 'manager', 'assistant', 'specialist'],
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    const c = { now: ctx.now, timeZone: tz, ids: ctx.deps.ids };
    const text = withoutMentions(ctx.args, ctx.mentions).trim();
    try {
      const words = text.split(/\s+/).filter(Boolean);
      const periodOfWord = (w: string): Period => targetPeriod(periodKey(periodFromKey(w.toUpperCase()) ?? parsePeriod(w, c)));
      // "2026Q4 李专员 3" (or with an @mention for the name): set.
      if (words.length >= 2 && /^[-\d０-９]+\s*(个|家|户)?$/.test(words.at(-1)!)) {
        const period = periodOfWord(words[0]!);
        const name = words.slice(1, -1).join(' ');
        const roster = await loadRosterMap(ctx.tx);
        const byName = [...roster.values()].filter((m) => m.active && m.role === 'specialist' && m.name === name);
        const id = ctx.mentions.length === 1 ? ctx.mentions[0]!.openId : byName.length === 1 ? byName[0]!.openId : null;
        if (!id) {
          await ctx.reply({ text: pick(i18n(`名册中没有名为「${name.slice(0, 20)}」的专员。用法：开发计划 2026Q4 专员姓名 3`, `No specialist called "${name.slice(0, 20)}" on the roster. Usage: dev plan 2026Q4 <name> 3`), ctx.locale) });
          return;
        }
        const { notice } = await setDevPlan(ctx.tx, ctx.member, { specialistId: id, periodKey: periodKey(period), count: words.at(-1) }, c);
        await ctx.reply({ text: pick(notice, ctx.locale) });
        return;
      }
      const period = text ? periodOfWord(text) : periodOf('quarter', ctx.now, tz);
      await ctx.reply({ card: await devPlanCardFor(ctx.tx, ctx.member, period, c) }, { private: true });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
