/**
 * Submitting a progress report: closes the period's obligation (conditionally, so a double
 * click or a second message for the same period files nothing twice), stores the report, opens
 * the next period `progressReportDays` later and sends the report to the specialist's manager.
 */
import type { Ids } from '../../ids.js';
import { progressReports } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { progressReportCard, PROGRESS_MAX } from '../../../cards/progress-report.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { reviewerOf, rosterOf, type Member } from '../../domain/roster.js';
import { enqueueSend } from '../outbox.js';
import { auditCustomer, loadCustomerSettings } from '../customer/store.js';
import { listMembers } from '../roster.js';
import { completeOwnDuty, dueAtOf } from '../obligations/index.js';
import { openProgressReport, type ProgressDuty } from './open.js';

export interface SubmittedProgress {
  reportId: number;
  nextDueAt: Date | null;
  managerName: string | null;
}

function checkProgressBody(text: string): string {
  const body = text.trim();
  if (!body) throw new DomainError('VALIDATION', i18n('请写上本期进展。', 'Please write what progressed.'));
  if ([...body].length > PROGRESS_MAX) throw new DomainError('VALIDATION', i18n(`进展内容不能超过 ${PROGRESS_MAX} 字。`, `Keep the report under ${PROGRESS_MAX} characters.`));
  return body;
}

export async function submitProgressReport(
  tx: Tx,
  o: { timeZone: string; now: Date; ids: Ids },
  input: { member: Member; duty: ProgressDuty; body: string; source: 'message' | 'form' },
): Promise<SubmittedProgress> {
  const body = checkProgressBody(input.body);
  if (!(await completeOwnDuty(tx, input.duty.obligationId, input.member.openId, o.now))) throw new DomainError('CONFLICT', i18n('这一期的进展已经汇报过了。', 'This period\'s progress has already been reported.'));
  const [report] = await tx
    .insert(progressReports)
    .values({
      customerId: input.duty.customerId,
      planId: input.duty.planId,
      ownerId: input.member.openId,
      body,
      source: input.source,
      obligationId: String(input.duty.obligationId),
      createdAt: o.now,
    })
    .returning({ id: progressReports.id });
  const reportId = report!.id;
  await auditCustomer(tx, o.now, input.member.openId, 'customer.progress_reported', input.duty.customerId, { reportId });

  const roster = rosterOf(await listMembers(tx));
  const manager = reviewerOf(roster, input.member);
  const { progressReportDays } = await loadCustomerSettings(tx);
  const next = await openProgressReport(tx, o.timeZone, {
    planId: input.duty.planId,
    seq: reportId,
    customerId: input.duty.customerId,
    customerName: input.duty.customerName,
    ownerId: input.member.openId,
    managerId: manager?.openId ?? null,
    from: o.now,
    days: progressReportDays,
  });
  const nextDueAt = await dueAtOf(tx, Number(next.id));
  if (manager && manager.openId !== input.member.openId) {
    const cardView = { customerName: input.duty.customerName, reporterName: input.member.name, at: o.now, body, nextDueAt, timeZone: o.timeZone };
    await enqueueSend({ tx, deps: o }, { openId: manager.openId }, { card: progressReportCard(cardView) }, { subject: { type: 'progress_report', id: String(reportId) } });
  }
  return { reportId, nextDueAt, managerName: manager && manager.openId !== input.member.openId ? manager.name : null };
}
