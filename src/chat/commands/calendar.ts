/**
 * Admin commands for the working-day calendar: `/holiday add 2027-01-01 元旦`,
 * `/workday add 2027-01-04 调休`, `… remove <date>`, and `/holiday list 2027`.
 */
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { isDomainError } from '../../domain/errors.js';
import { wallParts } from '../../domain/time.js';
import { setCalendarOverride, type OverrideKind } from '../../app/calendar/set-override.js';
import { loadCalendarOverrides } from '../../app/reminders/context.js';
import type { ChatContext } from '../context.js';
import type { Command } from '../registry.js';

const ADD = /^(add|添加|新增|设置|\+)$/i;
const REMOVE = /^(remove|delete|del|删除|移除|取消|-)$/i;
const LIST = /^(list|ls|列表|查看)?$/i;

async function say(ctx: ChatContext, text: I18nText): Promise<void> {
  await ctx.reply({ text: pick(text, ctx.locale) });
}

function calendarCommand(kind: OverrideKind, words: string[], title: I18nText): Command {
  const example = kind === 'holiday' ? '2027-01-01 元旦' : '2027-02-07 春节调休';
  const exampleEn = kind === 'holiday' ? '2027-01-01 New Year' : '2027-02-07 Spring Festival';
  const usage = i18n(`${words[1]} 添加 ${example}｜删除 日期｜列表 年份`, `${words[0]} add ${example} | remove <date> | list <year>`);
  return {
    name: kind,
    words,
    title,
    usage: kind === 'holiday' ? i18n('公司休息日，截止日期和提醒据此顺延', 'company days off; deadlines and reminders move past them') : i18n('调休上班的周末', 'weekends worked in exchange for a holiday'),
    examples: { zh_cn: [`${words[1]} 添加 ${example}`, `${words[1]} 列表 2027`], en_us: [`${words[0]} add ${exampleEn}`, `${words[0]} list 2027`] },
    roles: ['admin'],
    adminOnly: true,
    async run(ctx) {
      const [verb = '', day = '', ...rest] = ctx.args.split(/\s+/).filter(Boolean);
      if (LIST.test(verb) && !day.includes('-')) {
        const year = /^\d{4}$/.test(day) ? day : String(wallParts(ctx.now, ctx.deps.config.timeZone).year);
        const o = await loadCalendarOverrides(ctx.tx);
        const days = Object.entries((kind === 'holiday' ? o.holidays : o.workdays) ?? {})
          .filter(([d]) => d.startsWith(`${year}-`))
          .sort(([a], [b]) => a.localeCompare(b));
        const lines = days.map(([d, l]) => `${d} ${l}`).join('\n');
        await say(ctx, days.length ? i18n(`${year} 年自定义${title.zh_cn}：\n${lines}`, `${title.en_us} entered for ${year}:\n${lines}`) : i18n(`${year} 年没有自定义${title.zh_cn}。`, `No ${title.en_us.toLowerCase()} entered for ${year}.`));
        return;
      }
      const remove = REMOVE.test(verb);
      if (!remove && !ADD.test(verb)) {
        await say(ctx, i18n(`用法：${usage.zh_cn}`, `Usage: ${usage.en_us}`));
        return;
      }
      try {
        const r = await setCalendarOverride(ctx.tx, { actorId: ctx.member.openId, kind, day, label: rest.join(' ') || null, remove, now: ctx.now });
        const what = kind === 'holiday' ? i18n('休息日', 'day off') : i18n('工作日（调休）', 'working day (make-up)');
        if (!r.changed) await say(ctx, i18n(`${day} 没有变化。`, `${day}: nothing changed.`));
        else if (remove) await say(ctx, i18n(`已删除 ${day} 的自定义${what.zh_cn}设置。`, `Removed ${day} as a ${what.en_us}.`));
        else await say(ctx, i18n(`已将 ${day} 设为${what.zh_cn}。之后新建的截止日期和提醒按此计算。`, `${day} is now a ${what.en_us}. New deadlines and reminders use it.`));
      } catch (e) {
        if (!isDomainError(e)) throw e;
        await say(ctx, e.userMessage);
      }
    },
  };
}

export const holidayCommand = calendarCommand('holiday', ['holiday', '节假日', '假日'], i18n('节假日', 'Holidays'));
export const workdayCommand = calendarCommand('workday', ['workday', '调休', '补班'], i18n('调休工作日', 'Make-up working days'));
