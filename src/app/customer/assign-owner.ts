/**
 * Setting or transferring one customer's owner (负责人). A manager, the director or an admin
 * picks someone who can own accounts; the row changes under its version, the change is audited
 * (from, to, reason), the new and the previous owner are told, and every archive copy is
 * refreshed. Open visits and receptions stay with whoever planned them: moving a person's whole
 * book of work is the handover (交接).
 */
import { and, eq, sql } from 'drizzle-orm';
import { customers } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { customerOwnerCard } from '../../../cards/customer-owner.js';
import type { Card } from '../../../cards/kit.js';
import { checkNewOwner, forbiddenAssign, mayAssignOwner, ownerCandidates } from '../../domain/customer/ownership.js';
import { DomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { Member, Roster } from '../../domain/roster.js';
import { enqueueSend } from '../outbox.js';
import type { Deps } from '../deps.js';
import { auditCustomer, loadCustomer, loadRosterMap, versionConflict, type CustomerRow } from './store.js';
import { refreshCustomerCards } from './view.js';
import { recordOwners } from './owner-history.js';

export interface AssignOwnerInput {
  customerId: string;
  toId: string;
  /** The name the chat mention carried, for "X is not on the roster". */
  toName?: string;
  reason?: string | null;
  version?: number;
  actor: Member;
}

export async function assignOwner(tx: Tx, input: AssignOwnerInput, ctx: { deps: Deps; now: Date; roster?: Roster }, o: { exceptMessageId?: string } = {}): Promise<CustomerRow> {
  const roster = await loadRosterMap(tx, ctx.roster);
  const actor = roster.get(input.actor.openId) ?? input.actor;
  const before = await loadCustomer(tx, input.customerId);
  if (!mayAssignOwner(actor, ctx.deps.config.admins, before)) throw forbiddenAssign();
  if (input.version !== undefined && input.version !== before.version) throw versionConflict();
  const to = checkNewOwner(roster, input.toId, before.ownerId, input.toName);
  const reason = (input.reason ?? '').trim().slice(0, 200) || null;
  const [row] = await tx
    .update(customers)
    .set({ ownerId: to.openId, version: sql`${customers.version} + 1`, updatedAt: ctx.now })
    .where(and(eq(customers.id, before.id), eq(customers.version, before.version)))
    .returning();
  if (!row) throw versionConflict();
  await recordOwners(tx, { customerIds: [row.id], ownerId: to.openId, at: ctx.now, actorId: actor.openId, via: 'assign', reason });
  const from = before.ownerId ? roster.get(before.ownerId) : undefined;
  await auditCustomer(tx, ctx.now, actor.openId, before.ownerId ? 'customer.owner_transfer' : 'customer.owner_set', row.id, { from: before.ownerId, to: to.openId, reason });

  const why = reason ? i18n(`原因：${reason}。`, `Reason: ${reason}.`) : null;
  const toNew = i18n(
    `${actor.name} 已将客户「${row.name}」（${row.archiveNo}）交由您负责${from ? `（原负责人 ${from.name}）` : ''}。${why ? why.zh_cn : ''}发送「客户 ${row.name}」查看档案。`,
    `${actor.name} made you the owner of ${row.name} (${row.archiveNo})${from ? `, previously ${from.name}'s` : ''}. ${why ? why.en_us : ''} Send "/customer ${row.name}" to open it.`,
  );
  if (to.openId !== actor.openId) await enqueueSend({ tx, deps: ctx.deps }, { openId: to.openId }, { text: pick(toNew, to.locale) });
  if (from && from.openId !== actor.openId) {
    const toOld = i18n(
      `${actor.name} 已将客户「${row.name}」（${row.archiveNo}）转交给 ${to.name} 负责。${why ? why.zh_cn : ''}`,
      `${actor.name} transferred ${row.name} (${row.archiveNo}) to ${to.name}. ${why ? why.en_us : ''}`,
    );
    await enqueueSend({ tx, deps: ctx.deps }, { openId: from.openId }, { text: pick(toOld, from.locale) });
  }
  await refreshCustomerCards(tx, ctx.deps, row, ctx.now, o);
  return row;
}

/** The owner form for this customer, for someone who may use it. */
export async function ownerFormFor(tx: Tx, row: CustomerRow, actor: Member, deps: Deps, o: { justCreated?: boolean } = {}): Promise<Card> {
  const roster = await loadRosterMap(tx);
  if (!mayAssignOwner(roster.get(actor.openId) ?? actor, deps.config.admins, row)) throw forbiddenAssign();
  const candidates = ownerCandidates(roster);
  if (!candidates.length) throw new DomainError('PRECONDITION_FAILED', i18n('名单中还没有可以负责客户的专员或经理。', 'Nobody on the roster can own customers yet (no active specialist or manager).'));
  return customerOwnerCard({
    customerId: row.id, customerName: row.name, archiveNo: row.archiveNo, version: row.version,
    currentOwnerName: row.ownerId ? (roster.get(row.ownerId)?.name ?? row.ownerId) : null, candidates, justCreated: o.justCreated,
  });
}

/** After a creation that left the customer without an owner: the creator is asked whom it belongs to. */
export async function askForOwner(tx: Tx, row: CustomerRow, creator: Member, deps: Deps): Promise<Card | null> {
  return row.ownerId ? null : ownerFormFor(tx, row, creator, deps, { justCreated: true });
}
