/**
 * `月报 …` / `/report`: a report written as a message (labelled or free text) becomes a draft
 * shown on a confirm card; `/report form` (or no text) sends the card form instead.
 * `/reports 2026-11` / `月报汇总 11月`: the team's reports for a month as one compiled card.
 */
import { i18n, pick } from '../../domain/i18n.js';
import { isDomainError } from '../../domain/errors.js';
import { rosterOf } from '../../domain/roster.js';
import { reportMonthDuring } from '../../domain/reminders/index.js';
import { parseMonthlyReport } from '../../domain/parse/monthly-report.js';
import { TEMPLATES } from '../../domain/parse/templates.js';
import { wallParts } from '../../domain/time.js';
import { listMembers } from '../../app/roster.js';
import { saveDraft, latestVersion } from '../../app/monthly-report/draft.js';
import { ambiguousReportMonths, checkMonth, cleanFields, defaultReportMonth, hasAnyField, monthsOffered } from '../../app/monthly-report/fields.js';
import { teamReports } from '../../app/monthly-report/team.js';
import { monthlyReportFormCard } from '../../../cards/monthly-report-form.js';
import { monthlyReportConfirmCard } from '../../../cards/monthly-report-confirm.js';
import { emptyFields } from '../../../cards/monthly-report-parts.js';
import { teamReportsCard } from '../../../cards/monthly-reports-team.js';
import type { ChatContext } from '../context.js';
import type { Command } from '../registry.js';
import type { FreeTextHandler } from '../free-text.js';

// "11月月报", "上月月报" start with the month, so they are command words of their own.
const MONTH_WORDS = Array.from({ length: 12 }, (_, i) => [`${i + 1}月月报`, `${i + 1}月份月报`]).flat();

async function sendForm(ctx: ChatContext, month: string): Promise<void> {
  const latest = await latestVersion(ctx.tx, ctx.member.openId, month);
  const months = [...new Set([...monthsOffered(ctx.now, ctx.deps.config.timeZone), month])].sort();
  await ctx.reply({ card: monthlyReportFormCard({ draftId: null, month, months, fields: latest ? { ...emptyFields(), ...latest.fields } : emptyFields() }) });
}

export const reportCommand: Command = {
  name: 'report',
  words: ['report', 'monthly report', '月报', '月度报告', '市场分析报告', '月度市场分析报告', '上月月报', '本月月报', ...MONTH_WORDS],
  title: i18n('提交月报', 'Monthly report'),
  usage: i18n('每月 5 日前；「月报」后接内容直接提交，只发「月报」则填表单', 'by the 5th; follow it with the text, or send it alone for the form'),
  examples: { zh_cn: ['月报'], en_us: ['report'] },
  roles: ['specialist'],
  button: true,
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    if (ctx.member.role !== 'specialist') {
      await ctx.reply({ text: pick(i18n('月度市场分析报告由大客户专员提交。', 'Monthly market reports are submitted by specialists.'), ctx.locale) });
      return;
    }
    const parsed = parseMonthlyReport(ctx.text, { now: ctx.now, timeZone: tz });
    try {
      const month = checkMonth(parsed.month ?? defaultReportMonth(ctx.now, tz), ctx.now, tz);
      const fields = cleanFields(parsed);
      if (/^(form|表单|填写|填表)?$/i.test(ctx.args.trim()) || !hasAnyField(fields)) {
        await sendForm(ctx, month);
        await ctx.reply({ text: `${pick(i18n('也可以复制下面的模板填写后发给我：', 'Or copy this template, fill it in and send it back:'), ctx.locale)}\n\n${pick(TEMPLATES.monthly_report, ctx.locale)}` });
        return;
      }
      const draft = await saveDraft(ctx.tx, { ownerId: ctx.member.openId, month, fields, source: 'message', now: ctx.now });
      // Sent on 12 Nov naming no month, it may be October's late report or November's: ask.
      const askMonth = parsed.month ? null : ambiguousReportMonths(ctx.now, tz);
      const latest = askMonth ? null : await latestVersion(ctx.tx, ctx.member.openId, month);
      const replacing = latest?.status === 'submitted' ? { version: latest.version ?? 1, submittedAt: latest.submittedAt ?? latest.createdAt } : null;
      await ctx.reply({ card: monthlyReportConfirmCard({ draftId: draft.id, month, fields, replacing, rest: parsed.rest, timeZone: tz, askMonth, guessed: parsed.guessed }) });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};

/** The month of "/reports …": "2026-11", "2026年11月", "11月", "11" → 'YYYY-MM' (the latest such month not after now); "" → the month being collected. */
function readMonthArg(args: string, now: Date, timeZone: string): string | null {
  const t = args.trim();
  if (!t) return reportMonthDuring(now, timeZone);
  const m = /^(?:(\d{4})\s*[-/.年]\s*)?(\d{1,2})\s*月?份?$/u.exec(t);
  if (!m) return null;
  const month = Number(m[2]);
  if (month < 1 || month > 12) return null;
  const p = wallParts(now, timeZone);
  const year = m[1] ? Number(m[1]) : month <= p.month ? p.year : p.year - 1;
  return `${year}-${String(month).padStart(2, '0')}`;
}

export const reportsCommand: Command = {
  name: 'reports',
  words: ['reports', '月报汇总', '团队月报', '汇总月报'],
  title: i18n('月报汇总', 'Team monthly reports'),
  usage: i18n('团队某月的报告', 'the team\'s reports for a month'),
  examples: { zh_cn: ['月报汇总 11月'], en_us: ['reports 2026-11'] },
  roles: ['director', 'manager', 'assistant'],
  button: true,
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    const month = readMonthArg(ctx.args, ctx.now, tz);
    if (!month) {
      await ctx.reply({ text: pick(i18n(`看不懂月份「${ctx.args}」，请写成 2026-11 或 11月。`, `I cannot read the month "${ctx.args}"; write it as 2026-11 or Nov.`), ctx.locale) });
      return;
    }
    const roster = rosterOf(await listMembers(ctx.tx));
    const rows = await teamReports(ctx.tx, roster, ctx.member, month, tz);
    await ctx.reply({ card: teamReportsCard({ month, rows, timeZone: tz }) }, { private: true }); // colleagues' reports: not for a group
  },
};

/**
 * A monthly report sent without its trigger word (a labelled template) or starting with a
 * month the command words do not cover ("2026年11月月报 …"): the same draft-and-confirm flow as
 * `月报 …`. Other roles' text falls through (to help), as it did.
 */
export const monthlyReportFreeText: FreeTextHandler = async (ctx, reading) => {
  if (ctx.member.role !== 'specialist' || reading.intent !== 'monthly_report') return false;
  await reportCommand.run({ ...ctx, args: ctx.text });
  return true;
};
