/** Small helpers the reducer's transitions share: text rules, audit rows, version checks. */
import type { I18nText } from '../i18n.js';
import type { Tier } from './kinds.js';
import * as msg from './messages.js';
import type { ApprovalEffect, ApprovalRequest, ApprovalStep, AuditEntry, DecideContext } from './types.js';

export const tzOf = (ctx: DecideContext): string => ctx.timeZone ?? msg.DEFAULT_TIME_ZONE;

/** Trims user text; empty becomes null. Over-long text is refused, not truncated, so nothing is lost silently. */
export function cleanText(s: string | null | undefined): string | null {
  const t = (s ?? '').trim();
  if (t.length > msg.MAX_TEXT) throw msg.textTooLong();
  return t || null;
}

export function requireReason(s: string | null | undefined, what: I18nText): string {
  const t = cleanText(s);
  if (!t) throw msg.reasonRequired(what);
  return t;
}

export function entry(request: ApprovalRequest, e: Partial<AuditEntry> & Pick<AuditEntry, 'action' | 'actorId' | 'at'>): AuditEntry {
  return { requestId: request.id, round: request.round, stepIndex: null, onBehalfOf: null, comment: null, detail: null, ...e };
}

/** Audit rows for a fresh round's skips, and an admin alert for roster holes found while planning. */
export function roundRecords(request: ApprovalRequest, steps: ApprovalStep[], actorId: string, now: Date): { audit: AuditEntry[]; effects: ApprovalEffect[] } {
  const skipped = steps.filter((s) => s.round === request.round && s.status === 'skipped');
  const audit = skipped.map((s) => entry(request, { action: 'skip', actorId, at: now, stepIndex: s.index, detail: s.skipReason }));
  const gaps = [...new Set(skipped.filter((s) => s.skipReason === 'no_active_member').map((s) => s.tier))] as Tier[];
  const effects: ApprovalEffect[] = gaps.length ? [{ type: 'notify_admins', requestId: request.id, reason: 'roster_gap', tiers: gaps }] : [];
  return { audit, effects };
}

export function checkVersion(request: ApprovalRequest, version: number | undefined): void {
  if (version !== undefined && version !== request.version) throw msg.staleCard();
}

/** The most recent closing decision, for "this request is approved (X, T)". */
export const lastDecided = (steps: readonly ApprovalStep[]): ApprovalStep | undefined =>
  [...steps].reverse().find((s) => s.decidedAt && s.status !== 'cancelled') ?? [...steps].reverse().find((s) => s.decidedAt);
