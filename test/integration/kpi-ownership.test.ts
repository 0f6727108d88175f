/**
 * Owner at the time: the ownership history is written at creation, at an owner transfer and at a
 * handover (交接), and actual sales follow it — a handover in the middle of the quarter leaves
 * the sales before it with the old owner, even a deal typed in after the handover. The
 * migration's backfill rebuilds the same spans from the audit log.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq, sql } from 'drizzle-orm';
import { customerOwnerHistory, customerTransactions } from '../../db/schema/index.js';
import { MIGRATIONS_FOLDER } from '../../db/migrate.js';
import { salesByPerson } from '../../src/app/kpi/sales.js';
import { quarter } from '../../src/domain/kpi/period.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, click, json, lastArchive, newCustomer, say } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-10-08T02:00:00Z' });
});
afterAll(async () => h?.close());

const SH = 'Asia/Shanghai';
const mentions = [{ key: '@_user_1', openId: 'ou_spec1', name: '李专员' }, { key: '@_user_2', openId: 'ou_spec2', name: 'Wang Wei' }];

async function recordSale(who: string, name: string, amount: string, date: string) {
  await say(h, who, `客户 ${name}`);
  const { messageId, card } = lastArchive(h, who);
  const form = await click(h, who, messageId, button(card, 'customer.record', { r: 'transaction' }));
  const ok = await click(h, who, messageId, button(form.card!.data, 'customer.record.save'), { tx_amount: amount, tx_date: `${date} +0800` });
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
}

const spans = async (customerId: string) =>
  (await h.db.db.select().from(customerOwnerHistory).where(eq(customerOwnerHistory.customerId, customerId)).orderBy(asc(customerOwnerHistory.fromAt), asc(customerOwnerHistory.id)))
    .map((s) => [s.ownerId, s.fromAt.toISOString(), s.toAt?.toISOString() ?? null, s.via]);

describe('a handover in the middle of the quarter', () => {
  let machines: string;
  let steel: string;

  it('records who owned each customer from when, at creation and at the handover', async () => {
    machines = (await newCustomer(h, 'ou_spec1', '华东机械制造有限公司')).id;
    await recordSale('ou_spec1', '华东机械', '100万', '2026-10-15');
    // a customer the manager opens has no owner until one is given: no span until then
    h.clock.set('2026-11-12T02:00:00Z');
    steel = (await newCustomer(h, 'ou_manager', '江南钢铁集团')).id;
    expect(await spans(steel)).toEqual([]);
    const given = await say(h, 'ou_manager', '负责人 江南钢铁 @_user_1', { mentions: [{ key: '@_user_1', openId: 'ou_spec1', name: '李专员' }] });
    expect(json(given)).toContain('交由 李专员 负责');
    await recordSale('ou_spec1', '江南钢铁', '20万', '2026-11-12');

    h.clock.set('2026-11-20T02:00:00Z'); // 10:00 in Shanghai
    const out = await say(h, 'ou_manager', '交接 @_user_1 @_user_2', { mentions });
    expect(json(out)).toContain('交接完成');
    expect(await spans(machines)).toEqual([
      ['ou_spec1', '2026-10-08T02:00:00.000Z', '2026-11-20T02:00:00.000Z', 'create'],
      ['ou_spec2', '2026-11-20T02:00:00.000Z', null, 'handover'],
    ]);
    expect(await spans(steel)).toEqual([
      ['ou_spec1', '2026-11-12T02:00:00.000Z', '2026-11-20T02:00:00.000Z', 'assign'],
      ['ou_spec2', '2026-11-20T02:00:00.000Z', null, 'handover'],
    ]);
  });

  it('keeps the sales before the handover with the old owner, even one typed in afterwards', async () => {
    h.clock.set('2026-11-30T02:00:00Z');
    await recordSale('ou_spec2', '华东机械', '50万', '2026-11-25');
    // a deal of 5 November, recorded by the successor today: still the old owner's sale
    await recordSale('ou_spec2', '华东机械', '30万', '2026-11-05');
    // the day of the handover (10:00) is the successor's: read at noon
    await recordSale('ou_spec2', '江南钢铁', '5万', '2026-11-20');
    const tx = await h.db.db.select().from(customerTransactions).orderBy(asc(customerTransactions.id));
    expect(tx.map((t) => [t.date, t.amountFen, t.responsibleId, t.recordedBy])).toEqual([
      ['2026-10-15', 100_000_000, 'ou_spec1', 'ou_spec1'],
      ['2026-11-12', 20_000_000, 'ou_spec1', 'ou_spec1'],
      ['2026-11-25', 50_000_000, 'ou_spec2', 'ou_spec2'],
      ['2026-11-05', 30_000_000, 'ou_spec1', 'ou_spec2'],
      ['2026-11-20', 5_000_000, 'ou_spec2', 'ou_spec2'],
    ]);
    const q4 = await salesByPerson(h.db.db, quarter(2026, 4), SH);
    expect(Object.fromEntries(q4)).toEqual({ ou_spec1: 150_000_000, ou_spec2: 55_000_000 });
    // rows written before this feature named the owner at recording time, or nobody: the history decides for those
    await h.db.db.update(customerTransactions).set({ responsibleId: null });
    expect(Object.fromEntries(await salesByPerson(h.db.db, quarter(2026, 4), SH))).toEqual({ ou_spec1: 150_000_000, ou_spec2: 55_000_000 });
    expect(Object.fromEntries(await salesByPerson(h.db.db, quarter(2026, 3), SH))).toEqual({});
    // a deal from before the customer was in the bot has no owner then: it counts for nobody (the department only)
    await h.db.db.insert(customerTransactions).values({ customerId: machines, date: '2026-10-02', amountFen: 7, recordedBy: 'ou_spec2', createdAt: h.clock.now() });
    expect((await salesByPerson(h.db.db, quarter(2026, 4), SH)).get('')).toBe(7);
  });

  it('the migration backfill rebuilds the same spans from the audit log', async () => {
    const before = [...(await spans(machines)), ...(await spans(steel))];
    // found by name, not number: migrations are renumbered at merge
    const name = readdirSync(MIGRATIONS_FOLDER).find((f) => f.endsWith('_kpi_owner_history_targets.sql'))!;
    const file = readFileSync(`${MIGRATIONS_FOLDER}/${name}`, 'utf8');
    const backfill = file.split('--> statement-breakpoint').find((s) => s.includes('INSERT INTO "customer_owner_history"'))!;
    await h.db.db.delete(customerOwnerHistory);
    await h.db.db.execute(sql.raw(backfill));
    const after = [...(await spans(machines)), ...(await spans(steel))];
    // the same owners and instants; the creation span is marked as backfilled
    expect(after.map((s) => s.slice(0, 3))).toEqual(before.map((s) => s.slice(0, 3)));
    expect(after.map((s) => s[3])).toEqual(['backfill', 'handover', 'assign', 'handover']);
  });
});
