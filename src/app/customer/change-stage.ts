/**
 * Moving a customer along its lifecycle by hand. `applying` and `developing` are reached only
 * through the development application and its approval (submit-development.ts and its hook),
 * so nobody can skip the approval by clicking a stage.
 */
import { and, eq } from 'drizzle-orm';
import { customers, customerStageHistory } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { moveStage, STAGE_LABEL, type Screening, type Stage } from '../../domain/customer/lifecycle.js';
import { canEditArchive } from '../../domain/customer/visibility.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { Member, Roster } from '../../domain/roster.js';
import { auditCustomer, forbiddenEdit, loadCustomer, loadRosterMap, versionConflict, type CustomerRow } from './store.js';

export const VIA_APPROVAL: readonly Stage[] = ['applying', 'developing'];

export interface ChangeStageInput {
  customerId: string;
  target: Stage;
  screening?: Screening | null;
  reason?: string | null;
  actor: Member;
  version?: number;
}

/** Writes a stage move (already decided by the domain) under the version gate, with its history row. */
export async function writeStage(
  q: Q,
  row: CustomerRow,
  target: Stage,
  opts: { screening?: Screening | null; reason?: string | null; actorId: string; now: Date },
): Promise<CustomerRow> {
  const next = moveStage({ stage: row.stage, screening: row.screening ?? null }, target, { reason: opts.reason, screening: opts.screening, actor: opts.actorId, now: opts.now });
  const [saved] = await q
    .update(customers)
    .set({ stage: next.stage, screening: next.screening, version: row.version + 1, updatedAt: opts.now })
    .where(and(eq(customers.id, row.id), eq(customers.version, row.version)))
    .returning();
  if (!saved) throw versionConflict();
  const h = next.historyEntry;
  await q.insert(customerStageHistory).values({ customerId: row.id, fromStage: h.from, toStage: h.to, screening: h.screening, reason: h.reason, actorId: h.actorId, at: opts.now });
  return saved;
}

export async function changeStage(q: Q, input: ChangeStageInput, now: Date, roster?: Roster): Promise<CustomerRow> {
  const row = await loadCustomer(q, input.customerId);
  const r = roster ?? (await loadRosterMap(q));
  if (!canEditArchive(r.get(input.actor.openId) ?? input.actor, row.ownerId, r)) throw forbiddenEdit();
  if (input.version !== undefined && input.version !== row.version) throw versionConflict();
  if (VIA_APPROVAL.includes(input.target)) {
    const l = STAGE_LABEL[input.target];
    throw new DomainError('INVALID_TRANSITION', i18n(`「${l.zh_cn}」需通过开发申请及审批进入，请在档案卡片上点击「开发申请」。`, `${l.en_us} is reached through a development application and its approval; use "Development application" on the archive card.`));
  }
  const saved = await writeStage(q, row, input.target, { screening: input.screening, reason: input.reason, actorId: input.actor.openId, now });
  await auditCustomer(q, now, input.actor.openId, 'customer.stage', row.id, { from: row.stage, to: saved.stage, screening: saved.screening, reason: input.reason ?? null });
  return saved;
}
