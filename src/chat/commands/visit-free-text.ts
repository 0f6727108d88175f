/**
 * Reports typed as messages — the main way people use the bot after a visit. A message is taken
 * only when it is clearly one: it starts with a trigger (拜访总结 / 总结 / summary, 回访, 接待报告)
 * or uses the template's labels (detectIntent); or it replies to a visit or reception card; or
 * the person has a visit waiting for its record and the text reads like a record
 * (looksLikeVisitSummary). Anything else is left for the other handlers and the help card.
 */
import { FOLLOW_UP_KIND, VISIT_RECORD_KIND } from '../../app/visit/draft-kinds.js';
import { RECEPTION_REPORT_KIND } from '../../app/reception/report-kind.js';
import { loadVisit, repliedRecord } from '../../app/visit/store.js';
import { visitRecordReport } from '../../app/visit/draft-kinds.js';
import { takeReport } from '../../app/visit/take-report.js';
import { parseVisitRecord } from '../../domain/parse/visit-record.js';
import { detectIntent } from '../../domain/parse/templates.js';
import { looksLikeVisitSummary } from '../../domain/visit/rules.js';
import type { ChatContext } from '../context.js';
import type { FreeTextHandler, TextReading } from '../free-text.js';

/**
 * Takes the message as a report when it is one (see the file comment); true when answered.
 * `reading`: what reading the text already learned (free text), else it is read here.
 */
export async function takeIfReport(ctx: ChatContext, o: { untriggered: boolean; reading?: TextReading }): Promise<boolean> {
  const intent = o.reading ? o.reading.intent : detectIntent(ctx.text);
  if (intent === 'monthly_report') return false;
  const replied = await repliedRecord(ctx.tx, ctx.message.parentId);
  const visitId = replied?.type === 'visit' ? replied.id : null;
  if (intent === 'visit_record') return takeReport(ctx, VISIT_RECORD_KIND, visitId).then(() => true);
  if (intent === 'follow_up') return takeReport(ctx, FOLLOW_UP_KIND, visitId).then(() => true);
  if (intent === 'reception_report') return takeReport(ctx, RECEPTION_REPORT_KIND, replied?.type === 'reception' ? replied.id : null).then(() => true);
  if (replied?.type === 'reception') return takeReport(ctx, RECEPTION_REPORT_KIND, replied.id).then(() => true);
  if (visitId) {
    // A reply to a visit card is about that visit: its record, or once recorded its follow-up.
    const visit = await loadVisit(ctx.tx, visitId);
    await takeReport(ctx, visit.status === 'recorded' && !visit.followUp ? FOLLOW_UP_KIND : VISIT_RECORD_KIND, visitId);
    return true;
  }
  if (!o.untriggered) return false;
  const waiting = await VISIT_RECORD_KIND.candidates(ctx.tx, ctx.member.openId);
  if (!waiting.length) return false;
  const draft = parseVisitRecord(ctx.text, { now: ctx.now, timeZone: ctx.deps.config.timeZone, customerNames: [...new Set(waiting.map((w) => w.customerName))] });
  if (o.reading) o.reading.visitDraft = draft;
  if (!looksLikeVisitSummary(ctx.text, draft)) return false;
  // The record is what was just read, for the visits just found: takeReport reads neither again.
  await takeReport(ctx, VISIT_RECORD_KIND, null, { candidates: waiting, parsed: visitRecordReport(draft) });
  return true;
}

export const reportFreeTextHandler: FreeTextHandler = (ctx, reading) => takeIfReport(ctx, { untriggered: true, reading });
