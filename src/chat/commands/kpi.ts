/**
 * `KPI` / `绩效` / `统计` [period] [person | team | 团队 | 部门]: the department's KPIs (§2.1) for
 * what the asker's role may see, as the KPI card (figures with what each is based on, trend,
 * charts). `… 导出` / `kpi export` [csv] sends the same scope as an .xlsx (or CSV) file to the
 * asker's private chat, through the outbox (src/app/kpi/export.ts). A period that has not begun,
 * a name not on the roster or a scope beyond the role gets a clear answer and nothing else.
 */
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import { kpiCardFor } from '../../app/kpi/report.js';
import { requestKpiExport } from '../../app/kpi/export.js';
import { kpiExportRequest } from '../../domain/kpi/command.js';
import type { Command } from '../registry.js';
import type { ChatContext } from '../context.js';
import { withoutMentions } from '../message.js';

/** What a KPI-like command was asked: the text without the slash and the @names, and the one person @-mentioned. */
export function kpiQueryOf(ctx: ChatContext): { text: string; mentionedId: string | null } {
  const text = withoutMentions(ctx.text.replace(/^\s*[/／]/, ''), ctx.mentions);
  return { text, mentionedId: ctx.mentions.length === 1 ? ctx.mentions[0]!.openId : null };
}

export const kpiCommand: Command = {
  name: 'kpi',
  words: ['kpi', '绩效', '统计', '业绩'],
  strict: true,
  title: i18n('绩效 KPI', 'KPIs'),
  usage: i18n('大客户部 12 项考核指标：本人、团队或全部门，按月、季、年；加「导出」发 Excel（或 csv）文件到私聊', 'the 12 key-account KPIs for you, a team or the department, by month, quarter or year; add "export" for an Excel (or csv) file in your private chat'),
  examples: { zh_cn: ['绩效', 'KPI 本季度', '绩效 团队', 'KPI 导出 2026Q4', 'KPI 导出 csv'], en_us: ['kpi', 'kpi this quarter', 'kpi team', 'kpi export 2026Q4', 'kpi export csv'] },
  roles: ['director', 'manager', 'assistant', 'specialist', 'finance'],
  button: true,
  async run(ctx) {
    const { text, mentionedId: mentioned } = kpiQueryOf(ctx);
    try {
      const exporting = kpiExportRequest(text);
      if (exporting) {
        await requestKpiExport(ctx.tx, ctx.member, { text: exporting.rest, mentionedId: mentioned, format: exporting.format }, { now: ctx.now, timeZone: ctx.deps.config.timeZone, ids: ctx.deps.ids }, (notice) =>
          ctx.reply({ text: pick(notice, ctx.locale) }, { private: true }));
        return;
      }
      const card = await kpiCardFor(ctx.tx, ctx.member, { text, mentionedId: mentioned }, { now: ctx.now, timeZone: ctx.deps.config.timeZone });
      await ctx.reply({ card }, { private: true });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
    }
  },
};
