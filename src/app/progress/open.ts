/**
 * Progress reports on a customer under development (定期汇报, domain.md §3.1): one open
 * 'progress_report' obligation per plan at a time, due `progressReportDays` (customer settings)
 * after the approval or the previous report. Each period is its own subject (`plan:seq`, seq 0
 * at approval, then the report id), so closing one and opening the next never collide.
 */
import type { Q } from '../../../db/client.js';
import { addDaysYmd, atZonedYmd, ymd } from '../../domain/time.js';
import { openDutiesOfOwner, openObligationFor, type OpenResult } from '../obligations/index.js';

const PROGRESS_SUBJECT = 'development';
export const PROGRESS_FORM = 'progress.form';
export const PROGRESS_SUBMIT = 'progress.submit';

export interface ProgressDuty {
  obligationId: number;
  customerId: string;
  customerName: string;
  planId: string;
  dueAt: Date;
}

export async function openProgressReport(
  q: Q,
  timeZone: string,
  p: { planId: string; seq: string | number; customerId: string; customerName: string; ownerId: string; managerId: string | null; from: Date; days: number },
): Promise<OpenResult> {
  return openObligationFor(q, timeZone, {
    kind: 'progress_report',
    subjectType: PROGRESS_SUBJECT,
    subjectId: `${p.planId}:${p.seq}`,
    ownerId: p.ownerId,
    managerId: p.managerId,
    // The anchor is the day it falls due (see progressReportDueAt).
    anchorAt: atZonedYmd(addDaysYmd(ymd(p.from, timeZone), p.days), timeZone),
    meta: { title: p.customerName, customerId: p.customerId, planId: p.planId, action: { k: PROGRESS_FORM, c: p.customerId } },
  });
}

/** The member's open progress duties, one per customer under development, earliest due first. */
export async function openProgressDuties(q: Q, ownerId: string): Promise<ProgressDuty[]> {
  const found = await openDutiesOfOwner(q, 'progress_report', ownerId);
  return found.map((r) => ({
    obligationId: r.id,
    customerId: String(r.meta.customerId),
    customerName: String(r.meta.title),
    planId: String(r.meta.planId),
    dueAt: r.dueAt,
  }));
}
