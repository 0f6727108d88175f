/**
 * The KPI export as a file in the asker's private chat (`KPI 导出` / `绩效 导出` / `kpi export`
 * [period] [scope] [csv], and the card's `kpi.export` button).
 *
 * Asking only checks the scope and writes a `file` row to the outbox (enqueueFile) in the
 * asker's transaction; the drainer builds the workbook (`buildKpiExportFile`, registered as
 * FILE_BUILDERS.kpi_export in src/runtime), uploads it and sends it. So neither the report pass
 * nor the upload runs while Lark waits for the webhook's answer, and a crash before the send
 * leaves the row to be claimed again. The builder re-checks the scope with the roster of the
 * moment: someone who lost the role in between gets a refusal instead of the file.
 */
import type { Ids } from '../../ids.js';
import type { Q } from '../../../db/client.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { buildKpiCsv, buildKpiWorkbook, exportFileName } from '../../domain/kpi/export.js';
import type { KpiExportFormat } from '../../domain/kpi/command.js';
import { periodKey, periodLabel } from '../../domain/kpi/period.js';
import { exportLinesFrom } from '../../domain/kpi/report.js';
import type { Member } from '../../domain/roster.js';
import { loadCustomerSettings } from '../customer/store.js';
import { enqueueFile, type BuiltFile, type OutboxTx } from '../outbox.js';
import { assertMayExport, kpiAskFor, kpiAskFromValue, scopeName, type KpiAsk } from './report.js';
import { archiveTallies, tallyByPersonSql } from './tallies.js';
import { z } from 'zod';

export const KPI_EXPORT_BUILD = 'kpi_export';

const Args = z.object({ actor: z.string().min(1), p: z.string().max(10), s: z.string().max(80), format: z.enum(['xlsx', 'csv']) });

const DEPARTMENT_NAME = '大客户部';

/**
 * Asks for the export from a chat text. `tell` gets what to tell the asker now, and is called
 * before the file is queued: one person's messages leave in the order they were queued, so the
 * notice arrives before the file, not after it.
 */
export async function requestKpiExport(
  q: Q,
  actor: Member,
  input: { text: string; mentionedId?: string | null; format: KpiExportFormat },
  ctx: { now: Date; timeZone: string; ids: Ids },
  tell: (notice: I18nText) => Promise<void>,
): Promise<void> {
  await enqueueExport({ tx: q, deps: ctx }, await kpiAskFor(q, actor, input, ctx), input.format, tell);
}

/** Asks for the export from a card button's value (`p`, `s`), re-checking the clicker's scope. */
export async function requestKpiExportFromCard(q: Q, openId: string, value: { p: string; s: string }, ctx: { now: Date; timeZone: string; ids: Ids }): Promise<I18nText> {
  return enqueueExport({ tx: q, deps: ctx }, await kpiAskFromValue(q, openId, value, ctx), 'xlsx');
}

async function enqueueExport(out: OutboxTx, ask: KpiAsk, format: KpiExportFormat, tell?: (notice: I18nText) => Promise<void>): Promise<I18nText> {
  assertMayExport(ask);
  const what = periodLabel(ask.period);
  const name = scopeName(ask.scope, ask.dir);
  const kind = format === 'csv' ? 'CSV' : 'Excel';
  const notice = i18n(`正在生成${name.zh_cn} ${what.zh_cn}的 KPI ${kind} 文件，稍后发送到私聊。`, `Building the ${kind} KPI file for ${name.en_us}, ${what.en_us}; it will arrive in your private chat shortly.`);
  await tell?.(notice);
  // As the card's buttons carry it (cards/kpi.ts scopeValue).
  const s = ask.scope.kind === 'department' ? 'department' : `${ask.scope.kind}:${ask.scope.id}`;
  await enqueueFile(out, { openId: ask.actor.openId }, { build: KPI_EXPORT_BUILD, args: { actor: ask.actor.openId, p: periodKey(ask.period), s, format } satisfies z.input<typeof Args> });
  return notice;
}

/** FILE_BUILDERS.kpi_export: the lines from the set-based tallies, as .xlsx or CSV (UTF-8 with BOM). */
export async function buildKpiExportFile(q: Q, raw: Record<string, unknown>, ctx: { now: Date; timeZone: string }): Promise<BuiltFile> {
  const args = Args.parse(raw);
  let ask: KpiAsk;
  try {
    ask = await kpiAskFromValue(q, args.actor, args, ctx);
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { text: refusal(e) };
  }
  const archives = await archiveTallies(q, (await loadCustomerSettings(q)).requiredFields);
  const byPerson = await tallyByPersonSql(q, ask.period, { ...ctx, archives });
  const rows = exportLinesFrom(ask.dir, byPerson, ask.scope, ask.period, { departmentName: DEPARTMENT_NAME });
  const data = { period: ask.period, rows };
  const xlsxName = exportFileName(scopeName(ask.scope, ask.dir).zh_cn, periodKey(ask.period));
  try {
    if (args.format === 'csv') return { fileName: xlsxName.replace(/\.xlsx$/, '.csv'), fileType: 'stream', bytes: new TextEncoder().encode(buildKpiCsv(data)) };
    return { fileName: xlsxName, fileType: 'xls', bytes: await buildKpiWorkbook(data) };
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return { text: refusal(e) };
  }
}

/** Said in both languages: the builder has no locale of its own once the asker is no longer on the roster. */
const refusal = (e: DomainError): string => `${e.userMessage.zh_cn}\n${e.userMessage.en_us}`;
