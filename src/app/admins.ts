import { and, eq } from 'drizzle-orm';
import { members } from '../../db/schema/index.js';
import type { Q } from '../../db/client.js';

/** open_ids of everyone who administers the bot: the admin role plus KAM_ADMINS. */
export async function adminRecipients(q: Q, configured: readonly string[]): Promise<string[]> {
  const rows = await q.select({ openId: members.openId }).from(members).where(and(eq(members.role, 'admin'), eq(members.active, true)));
  return [...new Set([...rows.map((r) => r.openId), ...configured])];
}
