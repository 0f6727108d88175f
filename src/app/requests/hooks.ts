/**
 * What the small requests do when their approval moves on: an approved travel request becomes a
 * trip (what the deadlines feature counts travel days from) owing a check-in per day, an approved
 * equipment loan owes its return by the agreed day (equipment.ts), a phone bill over the limit is
 * recorded as approved over it (phone-bill.ts), and
 * "edit & resubmit" reopens the request's form pre-filled.
 */
import { eq } from 'drizzle-orm';
import { smallRequests, trips } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { formDefaults } from '../../domain/requests/kinds.js';
import type { ApprovalHooks } from '../approval/hooks.js';
import type { StoredApproval } from '../approval/store.js';
import { openTripCheckins } from '../travel/open-checkins.js';
import { openReturnDuty } from './equipment.js';
import { recordApprovedOverLimit } from './phone-bill.js';
import { linkedCustomerIds, newRequestForm } from './file.js';


async function smallRequestOf(q: Q, id: string) {
  const [row] = await q.select().from(smallRequests).where(eq(smallRequests.id, id));
  return row ?? null;
}

/** Who approved the last step (the audit's actor for what the approval records). */
const approverOf = (approval: StoredApproval): string => {
  const decided = approval.state.steps.filter((s) => s.status === 'approved' && s.decidedBy);
  return decided.at(-1)?.decidedBy ?? approval.state.request.requesterId;
};

export const smallRequestHooks: ApprovalHooks = {
  async onApproved(ctx, approval) {
    const req = await smallRequestOf(ctx.tx, approval.state.request.subjectId);
    if (req?.kind === 'equipment') await openReturnDuty(ctx.tx, ctx.deps.config.timeZone, req);
    if (req?.kind === 'phone_bill') await recordApprovedOverLimit(ctx.tx, req.id, ctx.now, approverOf(approval));
    if (req?.kind !== 'travel') return;
    const d = req.data;
    const [trip] = await ctx.tx
      .insert(trips)
      .values({
        id: ctx.deps.ids.newId(),
        requestId: req.id,
        travellerId: req.requesterId,
        fromDate: String(d.from),
        toDate: String(d.to),
        destinations: String(d.destinations),
        purpose: d.purpose === null || d.purpose === undefined ? null : String(d.purpose),
        status: 'approved',
        customerIds: linkedCustomerIds(d),
        createdAt: ctx.now,
      })
      .onConflictDoNothing()
      .returning();
    // One check-in owed per trip day (行踪报备); a repeated approval inserts no trip and opens nothing.
    if (trip) await openTripCheckins(ctx.tx, ctx.deps.config.timeZone, trip, ctx.now);
  },

  async editCard(ctx, approval) {
    const req = await smallRequestOf(ctx.tx, approval.state.request.subjectId);
    if (!req) return null;
    return newRequestForm(ctx.tx, req.kind, req.requesterId, ctx.now, ctx.deps.config.timeZone, {
      requestId: approval.state.request.id,
      version: approval.state.request.version,
      values: formDefaults(req.kind, req.data),
      customers: linkedCustomerIds(req.data),
    });
  },
};
