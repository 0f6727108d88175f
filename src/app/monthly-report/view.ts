/** Builds the report cards from rows and the roster (shared by submit, review and the handlers). */
import type { Roster } from '../../domain/roster.js';
import { monthlyReportReviewCard } from '../../../cards/monthly-report-review.js';
import { emptyFields, type ReportFields } from '../../../cards/monthly-report-parts.js';
import type { Card } from '../../../cards/kit.js';
import type { ReportRow } from './draft.js';

export const reportSubject = (row: Pick<ReportRow, 'id'>) => ({ type: 'monthly_report', id: String(row.id) });

export const fieldsOf = (row: Pick<ReportRow, 'fields'>): ReportFields => ({ ...emptyFields(), ...row.fields });

export function reviewCardFor(row: ReportRow, roster: Roster, timeZone: string, o: { latest: boolean }): Card {
  return monthlyReportReviewCard({
    reportId: row.id,
    ownerName: roster.get(row.ownerId)?.name ?? row.ownerId,
    month: row.month,
    version: row.version ?? 0,
    status: row.status,
    submittedAt: row.submittedAt ?? row.createdAt,
    fields: fieldsOf(row),
    comment: row.managerComment,
    returnReason: row.returnReason,
    reviewerName: row.reviewedBy ? (roster.get(row.reviewedBy)?.name ?? row.reviewedBy) : null,
    actionable: o.latest && row.status === 'submitted',
    timeZone,
  });
}
