/**
 * "My customers": a specialist's own, a manager's team's (the customers owned by the people
 * they review, plus their own), everyone's for the director and the assistant. The scope is
 * applied in the query, from the roster.
 */
import { asc, inArray } from 'drizzle-orm';
import { customers } from '../../../db/schema/index.js';
import type { Q } from '../../../db/client.js';
import type { CustomerListItem, ListScope } from '../../../cards/customer-list.js';
import { completeness } from '../../domain/customer/completeness.js';
import { STAGES } from '../../domain/customer/lifecycle.js';
import { teamOf, type Member } from '../../domain/roster.js';
import { archiveOf, loadCustomerSettings, loadRosterMap } from './store.js';

function scopeOf(m: Member): ListScope {
  if (m.role === 'director' || m.role === 'assistant') return 'all';
  if (m.role === 'manager') return 'team';
  return 'mine';
}

export async function listCustomers(q: Q, viewer: Member): Promise<{ scope: ListScope; items: CustomerListItem[] }> {
  const roster = await loadRosterMap(q);
  const settings = await loadCustomerSettings(q);
  const scope = scopeOf(viewer);
  const base = q.select().from(customers);
  let rows;
  if (scope === 'all') rows = await base.orderBy(asc(customers.name));
  else {
    const owners = scope === 'team' ? [viewer.openId, ...teamOf(roster, viewer).map((m) => m.openId)] : [viewer.openId];
    rows = await base.where(inArray(customers.ownerId, owners)).orderBy(asc(customers.name));
  }
  const rank = (s: string) => STAGES.indexOf(s as (typeof STAGES)[number]);
  rows.sort((a, b) => rank(a.stage) - rank(b.stage) || a.name.localeCompare(b.name, 'zh'));
  return {
    scope,
    items: rows.map((r) => ({
      id: r.id,
      name: r.name,
      archiveNo: r.archiveNo,
      stage: { stage: r.stage, screening: r.screening ?? null },
      categories: r.categories,
      completeness: completeness(archiveOf(r), settings.requiredFields).score,
      ownerName: scope === 'mine' ? null : r.ownerId ? (roster.get(r.ownerId)?.name ?? r.ownerId) : null,
    })),
  };
}
