/**
 * The customer lookup's name index and the archive card's roster are keyed by one text Postgres
 * builds from every row (packed-rows.ts), and built from that same text: the rows must read
 * back exactly (names with colons, digits, emoji, brackets; nulls), and any change, addition or
 * removal must give a new index or roster at once, on both databases.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customers, members } from '../../db/schema/index.js';
import { customerNameIndex, findCustomers } from '../../src/app/customer/find.js';
import { currentRoster, listMembers, loadRoster } from '../../src/app/roster.js';
import type { OrgMember } from '../../src/app/org-file.js';
import { createTestDb, type TestDb } from '../support/db.js';

let t: TestDb;
const NAMES = ['中国华能集团有限公司', '12:34 咨询（北京）有限公司', '😀表情科技有限公司', 'ABC: Holdings Co., Ltd.', '华能国际电力股份有限公司', '3:2:1 传媒'];

async function insert(id: string, name: string, seq: number): Promise<void> {
  await t.db.insert(customers).values({
    id, archiveNo: `KA-2026-${String(seq).padStart(4, '0')}`, archiveYear: 2026, archiveSeq: seq, createdOn: '2026-01-05', name, coreName: name,
    ownerId: 'ou_spec1', stage: 'serving', archive: { name, contacts: [], sales: {} }, createdBy: 'ou_spec1',
    createdAt: new Date('2026-01-05T02:00:00Z'), updatedAt: new Date('2026-01-05T02:00:00Z'),
  } as never);
}

beforeAll(async () => {
  t = await createTestDb();
  for (const [i, name] of NAMES.entries()) await insert(`c${i + 1}`, name, i + 1);
});
afterAll(() => t.close());

describe('customer name index', () => {
  it('reads every customer back exactly from the one text', async () => {
    const index = await customerNameIndex(t.db);
    expect(index.entries.map((e) => [e.id, e.name, e.archiveNo]).sort()).toEqual(NAMES.map((n, i) => [`c${i + 1}`, n, `KA-2026-000${i + 1}`]).sort());
    expect(await customerNameIndex(t.db)).toBe(index);
    expect((await findCustomers(t.db, '华能')).map((m) => m.name)).toEqual(['中国华能集团有限公司', '华能国际电力股份有限公司']);
  });

  it('a renamed, added or removed customer gives a new index at once', async () => {
    const before = await customerNameIndex(t.db);
    await t.db.update(customers).set({ name: '中国华电集团有限公司' }).where(eq(customers.id, 'c1'));
    const renamed = await customerNameIndex(t.db);
    expect(renamed).not.toBe(before);
    expect((await findCustomers(t.db, '华电')).map((m) => m.id)).toEqual(['c1']);
    await insert('c7', '腾讯科技（深圳）有限公司', 7);
    const added = await customerNameIndex(t.db);
    expect(added.entries).toHaveLength(7);
    await t.db.delete(customers).where(eq(customers.id, 'c7'));
    expect((await customerNameIndex(t.db)).entries).toHaveLength(6);
    expect(await findCustomers(t.db, '腾讯')).toEqual([]);
  });
});

const ORG: OrgMember[] = [
  { openId: 'ou_d', name: '赵总监', role: 'director', managerId: null, locale: 'zh_cn' },
  { openId: 'ou_m1', name: '李娜', role: 'manager', managerId: 'ou_d', locale: 'zh_cn' },
  { openId: 'ou_s1', name: '刘洋:1号', role: 'specialist', managerId: 'ou_m1', locale: 'zh_cn' },
  { openId: 'ou_s2', name: 'Wang 😀 Fang', role: 'specialist', managerId: 'ou_m1', locale: 'en_us' },
];

describe('current roster', () => {
  it('is the roster listMembers reads, in its order, and the same object while nothing changes', async () => {
    await loadRoster(t.db, ORG, new Date('2026-06-01T00:00:00Z'));
    const roster = await currentRoster(t.db);
    expect([...roster.values()]).toEqual(await listMembers(t.db));
    expect(roster.get('ou_d')?.managerId).toBeNull();
    expect(await currentRoster(t.db)).toBe(roster);
  });

  it('a change of role, manager or active gives a new roster at once', async () => {
    await t.db.update(members).set({ managerId: 'ou_d', active: false }).where(eq(members.openId, 'ou_s2'));
    const roster = await currentRoster(t.db);
    expect(roster.get('ou_s2')).toMatchObject({ managerId: 'ou_d', active: false, locale: 'en_us', name: 'Wang 😀 Fang' });
    expect([...roster.values()]).toEqual(await listMembers(t.db));
    await t.db.update(members).set({ role: 'manager' }).where(eq(members.openId, 'ou_s1'));
    expect((await currentRoster(t.db)).get('ou_s1')?.role).toBe('manager');
  });
});
