/**
 * Who owns a customer, and who may say so (§2.2 "owner: the specialist responsible; the owner can
 * be transferred"). The manager, the director or an admin sets or transfers the owner; the owner
 * is someone who works accounts (a specialist, or a manager who runs one). Pure: the caller
 * passes the roster and the configured admins.
 */
import { DomainError } from '../errors.js';
import { i18n } from '../i18n.js';
import { isAdmin, type Member, type Roster } from '../roster.js';

const OWNER_ROLES: readonly Member['role'][] = ['specialist', 'manager'];

/**
 * Whether `actor` may set or transfer the owner. With the customer: its creator may also answer
 * "whom does it belong to?" once, while it has no owner (an assistant who opened the archive).
 */
export function mayAssignOwner(actor: Member, admins: readonly string[], customer?: { ownerId: string | null; createdBy: string }): boolean {
  if (!actor.active) return false;
  if (actor.role === 'manager' || actor.role === 'director' || isAdmin(actor, admins)) return true;
  return !!customer && customer.ownerId === null && customer.createdBy === actor.openId;
}

/** The active members who can own a customer, by open_id (the person picker's candidates). */
export const ownerCandidates = (roster: Roster): string[] =>
  [...roster.values()].filter((m) => m.active && OWNER_ROLES.includes(m.role)).map((m) => m.openId).sort();

/**
 * The member who is to own the customer, or the reason they cannot: not on the roster,
 * deactivated, a role that does not own accounts, or already the owner.
 */
export function checkNewOwner(roster: Roster, toId: string, currentOwnerId: string | null, nameHint?: string): Member {
  const to = roster.get(toId);
  const who = to?.name ?? nameHint ?? toId;
  if (!to) throw new DomainError('NOT_FOUND', i18n(`${who} 不在大客户部名单中，不能负责客户。`, `${who} is not on the key-account roster and cannot own customers.`));
  if (!to.active) throw new DomainError('VALIDATION', i18n(`${who} 已停用，不能负责客户。`, `${who} is deactivated and cannot own customers.`));
  if (!OWNER_ROLES.includes(to.role)) {
    throw new DomainError('VALIDATION', i18n(`客户由专员或经理负责，${who} 不能负责客户。`, `Customers are owned by specialists or managers; ${who} cannot own one.`));
  }
  if (to.openId === currentOwnerId) throw new DomainError('VALIDATION', i18n(`${who} 已经是这个客户的负责人。`, `${who} already owns this customer.`));
  return to;
}

export const forbiddenAssign = (): DomainError =>
  new DomainError('FORBIDDEN', i18n('只有经理、总监或管理员可以设置或转交客户负责人。', 'Only a manager, the director or an administrator can set or transfer a customer’s owner.'));
