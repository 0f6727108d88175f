/**
 * The manager (or the director above) comments on a submitted report or returns it for
 * revision. Authority comes from the roster; a return needs a reason, tells the specialist, and
 * reopens the monthly-report obligation so the reminders resume until a new version is in.
 */
import { and, eq } from 'drizzle-orm';
import { auditLog, monthlyReports } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { directorOf, reviewerOf, type Member, type Roster } from '../../domain/roster.js';
import { enqueueSend, refreshCards } from '../outbox.js';
import type { Ids } from '../../ids.js';
import { reopenObligation } from '../obligations/index.js';
import { latestVersion, type ReportRow } from './draft.js';
import { reportSubject, reviewCardFor } from './view.js';
import { returnedNoticeCard, commentNoticeText } from './notices.js';

const REVIEW_TEXT_MAX = 500;

const HANDLED = i18n('这份月报已处理或已有新版本。', 'This report has already been handled or replaced by a newer version.');

export async function reviewReport(
  q: Q,
  input: { operator: Member; reportId: number; action: 'comment' | 'return'; text: string; now: Date; roster: Roster; timeZone: string; exceptMessageId?: string; ids: Ids },
): Promise<ReportRow> {
  const { operator, now, roster } = input;
  const [report] = await q.select().from(monthlyReports).where(eq(monthlyReports.id, input.reportId));
  if (!report || report.version === null) throw new DomainError('NOT_FOUND', i18n('找不到这份月报。', 'Report not found.'));
  const owner = roster.get(report.ownerId);
  const allowed = owner && [reviewerOf(roster, owner)?.openId, directorOf(roster, owner)?.openId].includes(operator.openId);
  if (!allowed) throw new DomainError('FORBIDDEN', i18n('只有该专员的经理或总监可以审阅这份月报。', "Only the specialist's manager or director can review this report."));

  const text = input.text.trim();
  if (!text) {
    throw new DomainError(
      'VALIDATION',
      input.action === 'return' ? i18n('退回需要填写原因。', 'Please give a reason for returning it.') : i18n('请填写意见。', 'Please write a comment.'),
    );
  }
  if (text.length > REVIEW_TEXT_MAX) {
    throw new DomainError('VALIDATION', i18n(`内容太长，最多 ${REVIEW_TEXT_MAX} 字。`, `That is too long; the limit is ${REVIEW_TEXT_MAX} characters.`));
  }
  const latest = await latestVersion(q, report.ownerId, report.month);
  if (latest?.id !== report.id) throw new DomainError('CONFLICT', HANDLED);

  const set =
    input.action === 'return'
      ? { status: 'returned' as const, returnReason: text, reviewedBy: operator.openId, reviewedAt: now, updatedAt: now }
      : { managerComment: text, reviewedBy: operator.openId, reviewedAt: now, updatedAt: now };
  const [row] = await q
    .update(monthlyReports)
    .set(set)
    .where(and(eq(monthlyReports.id, report.id), eq(monthlyReports.status, 'submitted')))
    .returning();
  if (!row) throw new DomainError('CONFLICT', HANDLED);

  await q.insert(auditLog).values({
    at: now,
    actorId: operator.openId,
    action: `monthly_report.${input.action}`,
    subjectType: 'monthly_report',
    subjectId: String(row.id),
    detail: { text },
  });
  if (input.action === 'return') {
    await reopenObligation(q, 'monthly_report', { type: 'month', id: row.month }, row.ownerId);
    await enqueueSend({ tx: q, deps: input }, { openId: row.ownerId }, { card: returnedNoticeCard(row, operator.name) });
  } else {
    await enqueueSend({ tx: q, deps: input }, { openId: row.ownerId }, { text: commentNoticeText(row, operator.name, owner.locale) });
  }
  await refreshCards({ tx: q, deps: input }, reportSubject(row), reviewCardFor(row, roster, input.timeZone, { latest: true }), now, { exceptMessageId: input.exceptMessageId });
  return row;
}
