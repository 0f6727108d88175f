/**
 * The plan form for a customer: its contacts with buyer roles, the active colleagues, and
 * whether this would be the first contact (no earlier visit that was not cancelled).
 */
import { yuanForInput } from '../../domain/money.js';
import { and, eq, ne } from 'drizzle-orm';
import { visits } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import { visitPlanFormCard } from '../../../cards/visit-plan-form.js';
import type { Card } from '../../../cards/kit.js';
import { BUYER_ROLE_LABEL } from '../../domain/customer/enums.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import type { Member, Roster } from '../../domain/roster.js';
import { colleaguesFor } from '../../domain/colleagues.js';
import { formatDateTime } from '../../domain/time.js';
import { archiveOf, loadRosterMap, type CustomerRow } from '../customer/store.js';
import type { VisitRow } from './store.js';

export const PLANNERS = ['specialist', 'manager', 'director', 'assistant', 'admin'] as const;

export function assertMayPlan(member: Member): void {
  if (!(PLANNERS as readonly string[]).includes(member.role)) {
    throw new DomainError('FORBIDDEN', i18n('拜访计划由大客户部成员提交。', 'Visit plans are filed by the key-account team.'));
  }
}

/** The archive's contacts as form options: the value is the index, the label the name with buyer roles. */
function contactOptions(customer: CustomerRow) {
  return archiveOf(customer).contacts.map((c, i) => {
    const roles = c.buyerRoles.map((r) => BUYER_ROLE_LABEL[r]);
    const zh = roles.length ? `${c.name}（${roles.map((r) => r.zh_cn).join('、')}）` : c.name;
    const en = roles.length ? `${c.name} (${roles.map((r) => r.en_us).join(', ')})` : c.name;
    return { value: String(i), label: i18n(zh.slice(0, 60), en.slice(0, 60)) };
  });
}

/** Colleagues who may go along or own a material (finance does neither), the planner's team first. */
const peopleOf = (roster: Roster, member: Member) => colleaguesFor(roster, roster.get(member.openId) ?? member);

/** What the person already said when asking for the form (`拜访 华能 下周三上午10点 谈续约`). */
export interface PlanPrefill {
  at: Date;
  purpose?: string | null;
}

export async function planFormFor(q: Q, customer: CustomerRow, member: Member, timeZone: string, from?: VisitRow | null, prefill?: PlanPrefill | null): Promise<Card> {
  assertMayPlan(member);
  const roster = await loadRosterMap(q);
  const contacts = contactOptions(customer);
  const earlier = await q.$count(visits, and(eq(visits.customerId, customer.id), ne(visits.status, 'cancelled')));
  const people = peopleOf(roster, member);
  // A next visit from a record: the date it named, the same people, and the next steps as the purpose.
  const names = new Set(from?.plan.contacts.map((c) => c.name) ?? []);
  const initial = from?.record?.nextVisitAt
    ? {
        at: formatDateTime(new Date(from.record.nextVisitAt), timeZone),
        purpose: from.record.nextSteps ?? undefined,
        place: from.plan.place,
        contacts: archiveOf(customer).contacts.flatMap((c, i) => (names.has(c.name) ? [String(i)] : [])),
      }
    : prefill
      ? { at: formatDateTime(prefill.at, timeZone), purpose: prefill.purpose ?? undefined }
      : undefined;
  return visitPlanFormCard({ customerId: customer.id, customerName: customer.name, people, contacts, firstContact: earlier === 0, initial, from: from?.id ?? null });
}

/**
 * The same form, filled in from a plan that was rejected or returned, whose submit sends the
 * request again (a new round) with whatever the requester changed.
 */
export async function editFormFor(
  q: Q,
  visit: VisitRow,
  customer: CustomerRow,
  member: Member,
  timeZone: string,
  edit: { requestId: string; version: number },
): Promise<Card> {
  assertMayPlan(member);
  const roster = await loadRosterMap(q);
  const archived = archiveOf(customer).contacts;
  const names = new Set(visit.plan.contacts.map((c) => c.name));
  return visitPlanFormCard({
    customerId: customer.id,
    customerName: customer.name,
    people: peopleOf(roster, member),
    contacts: contactOptions(customer),
    firstContact: visit.plan.firstContact !== null,
    initial: {
      at: formatDateTime(visit.visitAt, timeZone),
      place: visit.plan.place,
      purpose: visit.plan.purpose,
      contacts: archived.flatMap((c, i) => (names.has(c.name) ? [String(i)] : [])),
      attendees: visit.plan.attendees,
      firstContact: visit.plan.firstContact ?? undefined,
      materials: Object.fromEntries(visit.plan.materials.map((m) => [m.item, { qty: String(m.quantity), due: m.dueOn ?? '', owner: m.ownerId }])),
      budgetYuan: visit.budgetFen ? yuanForInput(visit.budgetFen) : '',
    },
    edit: { visitId: visit.id, ...edit },
  });
}
