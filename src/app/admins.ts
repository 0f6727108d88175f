import { and, eq, inArray, or } from 'drizzle-orm';
import { members } from '../../db/schema/index.js';
import type { Q } from '../../db/client.js';

/** open_ids of everyone who administers the bot: the admin role plus KAM_ADMINS. */
export async function adminRecipients(q: Q, configured: readonly string[]): Promise<string[]> {
  const rows = await q.select({ openId: members.openId }).from(members).where(and(eq(members.role, 'admin'), eq(members.active, true)));
  return [...new Set([...rows.map((r) => r.openId), ...configured])];
}

/**
 * Whom someone outside the roster should ask to be added, by name: the administrators (the
 * admin role and KAM_ADMINS) and the director, who runs the department — so the answer names
 * someone even when KAM_ADMINS is unset. Administrators first.
 */
export async function whomToAsk(q: Q, configured: readonly string[], limit = 3): Promise<string[]> {
  const rows = await q
    .select({ openId: members.openId, name: members.name, role: members.role })
    .from(members)
    .where(and(eq(members.active, true), or(inArray(members.role, ['admin', 'director']), configured.length ? inArray(members.openId, [...configured]) : undefined)));
  const rank = (r: { openId: string; role: string }) => (r.role === 'admin' || configured.includes(r.openId) ? 0 : 1);
  return rows
    .sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name, 'zh'))
    .slice(0, limit)
    .map((r) => r.name);
}
