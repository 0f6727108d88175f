/** Races PGlite cannot show (one session): simultaneous section saves and simultaneous creations. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customers } from '../../db/schema/index.js';
import { onPostgresServer } from '../support/db.js';
import { startHarness, type Harness } from '../support/harness.js';
import { customerRow, newCustomer } from './customer-helpers.js';

describe.skipIf(!onPostgresServer)('customers on the Postgres server', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h?.close());

  it('people saving the same section at once: one wins, the others are told and nothing else is stored', async () => {
    const row = await newCustomer(h, 'ou_spec1', '并发测试公司');
    const editors = ['ou_spec1', 'ou_manager', 'ou_director', 'ou_assistant'];
    const answers = await Promise.all(
      editors.flatMap((who, i) =>
        [0, 1].map((j) =>
          h.sender.cardAction(who, `om_form_${i}_${j}`, { v: 1, k: 'customer.save', c: row.id, s: 'basic', ver: row.version }, { formValue: { name: '并发测试公司', address: `地址 ${who} ${j}` } }),
        ),
      ),
    );
    await h.settle();
    const toasts = answers.map((a) => (a.body as { toast: { type: string; i18n: { zh_cn: string } } }).toast);
    expect(toasts.filter((t) => t.type === 'success')).toHaveLength(1);
    const lost = toasts.filter((t) => t.type !== 'success');
    expect(lost).toHaveLength(editors.length * 2 - 1);
    for (const t of lost) expect(t.i18n.zh_cn).toContain('档案已被他人修改');
    const after = await customerRow(h, row.id);
    expect(after.version).toBe(row.version + 1);
    expect(after.archive.address).toMatch(/^地址 /);
  });

  it('simultaneous creations get consecutive, unique archive numbers', async () => {
    const before = await h.db.db.$count(customers);
    await Promise.all(Array.from({ length: 12 }, (_, i) => h.sender.message(i % 2 ? 'ou_spec1' : 'ou_spec2', `新客户 Parallel Test Company ${i + 1}`)));
    await h.settle();
    const rows = await h.db.db.select().from(customers).where(eq(customers.archiveYear, 2026));
    expect(rows).toHaveLength(before + 12);
    const seqs = rows.map((r) => r.archiveSeq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: rows.length }, (_, i) => i + 1));
  });
});
