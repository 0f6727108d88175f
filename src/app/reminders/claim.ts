/**
 * Claims nudges in storage: one INSERT … ON CONFLICT DO NOTHING RETURNING per batch. Only the
 * returned rows are sent, so two ticks racing (or a tick repeated after a crash) each send a
 * step at most once between them — the unique (obligation, recipient, step) decides.
 */
import { sql } from 'drizzle-orm';
import { rows, type Q } from '../../../db/client.js';
import type { NudgeIntent } from '../../domain/reminders/index.js';

const BATCH = 5000;
const keyOf = (obligationKey: string, recipientId: string, step: string) => `${obligationKey}\u0000${recipientId}\u0000${step}`;

/**
 * Inserts a nudge row for every intent (tagged with the outbox uuid of the digest that will
 * carry it) and returns the intents this call inserted.
 */
export async function claimNudges(q: Q, intents: readonly NudgeIntent[], now: Date, outboxUuidFor: (recipientId: string) => string): Promise<NudgeIntent[]> {
  const claimed: NudgeIntent[] = [];
  for (let i = 0; i < intents.length; i += BATCH) {
    const batch = intents.slice(i, i + BATCH);
    const payload = batch.map((n) => ({
      obligation_key: n.obligationId,
      obligation_id: /^\d+$/.test(n.obligationId) ? n.obligationId : null,
      kind: n.kind,
      recipient_id: n.recipientId,
      step: n.step,
      urgency: n.urgency,
      outbox_uuid: outboxUuidFor(n.recipientId),
      detail: n.detail ?? null,
    }));
    const inserted = await rows<{ obligation_key: string; recipient_id: string; step: string }>(
      q,
      sql`insert into nudges (obligation_key, obligation_id, kind, recipient_id, step, urgency, sent_at, outbox_uuid, detail)
          select x.obligation_key, x.obligation_id, x.kind, x.recipient_id, x.step, x.urgency, ${now.toISOString()}::timestamptz, x.outbox_uuid, x.detail
          from jsonb_to_recordset(${JSON.stringify(payload)}::jsonb)
            as x(obligation_key text, obligation_id bigint, kind text, recipient_id text, step text, urgency text, outbox_uuid text, detail jsonb)
          on conflict (obligation_key, recipient_id, step) do nothing
          returning obligation_key, recipient_id, step`,
    );
    const won = new Set(inserted.map((r) => keyOf(r.obligation_key, r.recipient_id, r.step)));
    for (const n of batch) {
      const k = keyOf(n.obligationId, n.recipientId, n.step);
      // A batch may hold the same key twice; the first wins and the second is dropped here.
      if (won.delete(k)) claimed.push(n);
    }
  }
  return claimed;
}
