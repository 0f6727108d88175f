/** Roster use cases: load the org file, manage members by chat, keep names fresh from Lark. */
import { eq, sql } from 'drizzle-orm';
import { auditLog, members } from '../../db/schema/index.js';
import { rows, type Q } from '../../db/client.js';
import { rosterOf, type Member, type Roster, type Role } from '../domain/roster.js';
import { packedRows, unpackRows } from './packed-rows.js';
import type { Locale } from '../domain/i18n.js';
import type { OrgMember } from './org-file.js';
import type { Deps } from './deps.js';
import { describeError } from '../log.js';

type MemberRow = typeof members.$inferSelect;

const toMember = (r: Pick<MemberRow, keyof Member>): Member => ({
  openId: r.openId,
  name: r.name,
  role: r.role,
  managerId: r.managerId,
  locale: r.locale,
  active: r.active,
});

/**
 * A Member's columns only: the timestamps are a Date each to parse per row, and the whole roster
 * is read for every archive card (200 members: ~1.4 ms of the bot's CPU with them, ~0.9 without).
 */
const MEMBER_COLUMNS = {
  openId: members.openId,
  name: members.name,
  role: members.role,
  managerId: members.managerId,
  locale: members.locale,
  active: members.active,
};

export async function getMember(q: Q, openId: string): Promise<Member | null> {
  const [row] = await q.select(MEMBER_COLUMNS).from(members).where(eq(members.openId, openId));
  return row ? toMember(row) : null;
}

/**
 * The member and when their name was last synced from Lark, in one read (see syncContactName).
 * Every message starts here, so it is plain SQL: drizzle's builder cost ~115 µs of the bot's CPU
 * for this one select (bench/README.md); the columns come back as text and numbers, the same
 * from both drivers.
 */
export async function getMemberWithSync(q: Q, openId: string): Promise<{ member: Member; contactSyncedAt: Date | null } | null> {
  const [row] = await rows<{ open_id: string; name: string; role: Role; manager_id: string | null; locale: Locale; active: number; synced_ms: number | null }>(
    q,
    sql`select open_id, name, role, manager_id, locale, case when active then 1 else 0 end as active,
          (extract(epoch from contact_synced_at) * 1000)::float8 as synced_ms
        from members where open_id = ${openId}`,
  );
  if (!row) return null;
  const member: Member = { openId: row.open_id, name: row.name, role: row.role, managerId: row.manager_id, locale: row.locale, active: Number(row.active) === 1 };
  return { member, contactSyncedAt: row.synced_ms === null ? null : new Date(Number(row.synced_ms)) };
}

export async function listMembers(q: Q): Promise<Member[]> {
  return (await q.select(MEMBER_COLUMNS).from(members).orderBy(members.role, members.name)).map(toMember);
}

/**
 * The roster as it is now, for the reads that need all of it (every archive card): read as one
 * text (packed-rows.ts) and parsed only when it changed. Members are frozen, as the same objects
 * serve every request until the roster changes. In listMembers' order.
 */
let lastRoster: { key: string; roster: Roster } | null = null;
export async function currentRoster(q: Q): Promise<Roster> {
  const key = await packedRows(q, 'members', ['open_id', 'name', 'role', 'manager_id', 'locale', "case when active then 't' else 'f' end"], 'role, name');
  if (lastRoster?.key === key) return lastRoster.roster;
  const list = unpackRows(key, 6).map(([openId, name, role, managerId, locale, active]): Member =>
    Object.freeze({ openId: openId!, name: name!, role: role as Role, managerId: managerId ?? null, locale: locale as Locale, active: active === 't' }),
  );
  const roster = rosterOf(list);
  lastRoster = { key, roster };
  return roster;
}

async function audit(q: Q, now: Date, actorId: string | null, action: string, subjectId: string, detail: Record<string, unknown>) {
  await q.insert(auditLog).values({ at: now, actorId, action, subjectType: 'member', subjectId, detail });
}

/** Upserts every member of the file. Names already taken from Lark's contact API are kept. */
export async function loadRoster(q: Q, org: OrgMember[], now: Date): Promise<number> {
  for (const m of org) {
    await q
      .insert(members)
      .values({ openId: m.openId, name: m.name, role: m.role, managerId: m.managerId, locale: m.locale, active: true, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({
        target: members.openId,
        set: {
          name: sql`case when ${members.nameSource} = 'contact' then ${members.name} else excluded.name end`,
          role: sql`excluded.role`,
          managerId: sql`excluded.manager_id`,
          active: true,
          updatedAt: now,
        },
      });
  }
  await audit(q, now, null, 'roster.load', 'org-file', { members: org.length });
  return org.length;
}

export async function addMember(
  q: Q,
  actorId: string,
  m: { openId: string; name: string; role: Role; managerId: string | null; locale?: Locale },
  now: Date,
): Promise<'added' | 'updated'> {
  const existing = await getMember(q, m.openId);
  await q
    .insert(members)
    .values({ openId: m.openId, name: m.name, role: m.role, managerId: m.managerId, locale: m.locale ?? 'zh_cn', active: true, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({ target: members.openId, set: { role: m.role, managerId: m.managerId, active: true, updatedAt: now } });
  await audit(q, now, actorId, existing ? 'member.update' : 'member.add', m.openId, { role: m.role, managerId: m.managerId, before: existing });
  return existing ? 'updated' : 'added';
}

export async function updateMember(
  q: Q,
  actorId: string,
  openId: string,
  change: Partial<Pick<Member, 'role' | 'managerId' | 'active' | 'locale'>>,
  now: Date,
): Promise<Member | null> {
  const before = await getMember(q, openId);
  if (!before) return null;
  const [row] = await q.update(members).set({ ...change, updatedAt: now }).where(eq(members.openId, openId)).returning();
  await audit(q, now, actorId, 'member.update', openId, { change, before });
  return row ? toMember(row) : null;
}

/**
 * Names rarely change, and every lookup counts against the free edition's 10,000 calls a month:
 * daily, a 200-person department alone would spend 6,000 of them on names. Monthly, 200.
 */
const CONTACT_TTL_MS = 30 * 24 * 3600 * 1000;

/** Names a directory gives someone it cannot name: never a person's name. */
const PLACEHOLDER_NAMES = new Set(['访客', '游客', '未知', '未知用户', '匿名', '匿名用户', '用户', 'guest', 'visitor', 'unknown', 'anonymous', 'user']);

function isPlaceholderName(name: string, openId: string): boolean {
  const n = name.trim();
  return n === '' || n === openId || PLACEHOLDER_NAMES.has(n.toLowerCase());
}

/**
 * Refreshes a member's name from Lark's contact API at most once a month, when they write. Best effort: a tenant
 * that did not grant contact scopes keeps the roster's names.
 */
export async function syncContactName(deps: Deps, member: Member, known?: { contactSyncedAt: Date | null }): Promise<void> {
  const now = deps.clock.now();
  const fresh = (at: Date | null | undefined) => Boolean(at && now.getTime() - at.getTime() < CONTACT_TTL_MS);
  // Fresh when the member was read (the usual case): no second read. Else read again: another
  // message from the same person may have synced meanwhile.
  if (fresh(known?.contactSyncedAt)) return;
  const [row] = await deps.db.select({ syncedAt: members.contactSyncedAt }).from(members).where(eq(members.openId, member.openId));
  if (fresh(row?.syncedAt)) return;
  try {
    const user = await deps.contacts.getUser(member.openId);
    // A directory that does not know the person answers with a stand-in (访客, their open_id…):
    // the roster's name is better than that, always.
    const set = user && !isPlaceholderName(user.name, member.openId) ? { name: user.name.trim(), nameSource: 'contact' as const, contactSyncedAt: now } : { contactSyncedAt: now };
    await deps.db.update(members).set(set).where(eq(members.openId, member.openId));
  } catch (e) {
    deps.log.debug('contact.sync_failed', { openId: member.openId, error: describeError(e) });
    await deps.db.update(members).set({ contactSyncedAt: now }).where(eq(members.openId, member.openId));
  }
}
