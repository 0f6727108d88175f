/** Creating, finding and editing archives through the webhook; bad input stores nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, count, eq } from 'drizzle-orm';
import { auditLog, customerFieldAsks, customers } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardOf, click, customerRow, json, lastArchive, say, textsTo } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

describe('creating a customer', () => {
  it('creates an archive with a yearly number, owned by the specialist, and shows its card', async () => {
    const out = await say(h, 'ou_spec1', '新客户 华东电网有限公司');
    const row = await h.db.db.select().from(customers).where(eq(customers.name, '华东电网有限公司'));
    expect(row).toHaveLength(1);
    expect(row[0]!.archiveNo).toBe('KA-2026-0001');
    expect(row[0]!.ownerId).toBe('ou_spec1');
    expect(row[0]!.stage).toBe('prospect');
    const archive = out.find((m) => m.msgType === 'interactive');
    expect(json(cardOf(archive))).toContain('KA-2026-0001');
    expect(json(cardOf(archive))).toContain('档案完整度');
    // the visits feature owns "plan a visit": with its handler registered the card offers it
    expect(json(cardOf(archive))).toContain('visit.plan');
    await say(h, 'ou_spec1', '/customer new 国家电网');
    const [second] = await h.db.db.select().from(customers).where(eq(customers.name, '国家电网'));
    expect(second!.archiveNo).toBe('KA-2026-0002');
  });

  it('warns about a similar name and links to it; "create anyway" creates once', async () => {
    const out = await say(h, 'ou_spec2', '/customer new 中国华东电网');
    const warn = cardOf(out.at(-1));
    expect(json(warn)).toContain('客户可能重复');
    expect(await h.db.db.$count(customers)).toBe(2);
    const open = button(warn, 'customer.open');
    expect(open.c).toBeTruthy();
    const anyway = button(warn, 'customer.create');
    const a = await click(h, 'ou_spec2', out.at(-1)!.messageId, anyway);
    expect(a.toast?.type).toBe('success');
    expect(json(a.card)).toContain('KA-2026-0003');
    const again = await click(h, 'ou_spec2', out.at(-1)!.messageId, anyway);
    expect(again.toast?.type).toBe('success');
    expect(await h.db.db.$count(customers)).toBe(3);
  });
});

describe('finding a customer', () => {
  it('several matches give a pick list; one match or an archive number opens the archive', async () => {
    const out = await say(h, 'ou_spec1', '客户 电网');
    const pick = cardOf(out.at(-1));
    expect(json(pick)).toContain('选择客户');
    const opened = await click(h, 'ou_spec1', out.at(-1)!.messageId, button(pick, 'customer.open'));
    expect(opened.toast?.type).toBe('success');
    const byNo = await say(h, 'ou_spec1', '客户 KA-2026-0002');
    expect(json(cardOf(byNo.at(-1)))).toContain('国家电网');
  });

  it('an unknown customer gets a clear reply in the asker’s language', async () => {
    const zh = await say(h, 'ou_spec1', '客户 不存在的公司');
    expect((zh[0]!.content as { text: string }).text).toContain('找不到客户');
    const en = await say(h, 'ou_spec2', '/customer Nonexistent Widgets');
    expect((en[0]!.content as { text: string }).text).toContain('No customer matches');
  });
});

describe('editing by card forms', () => {
  it('saves a section, raises the completeness score and refreshes the card', async () => {
    const [row] = await h.db.db.select().from(customers).where(eq(customers.name, '国家电网'));
    await say(h, 'ou_spec1', '客户 KA-2026-0002');
    const { messageId, card } = lastArchive(h, 'ou_spec1');
    const edit = await click(h, 'ou_spec1', messageId, button(card, 'customer.edit', { s: 'registration' }));
    const save = button(edit.card!.data, 'customer.save', { s: 'registration' });
    expect(save.ver).toBe(row!.version);
    const before = json(card).match(/档案完整度\*\* [▰▱]+ (\d+)%/)![1];
    const saved = await click(h, 'ou_spec1', messageId, save, { foundingDate: '2002-12-29 +0800', registeredCapitalFen: '200亿'.replace('亿', '00000000'), bank: '工商银行', accountNumber: '6222 0000 1111' });
    expect(saved.toast?.type).toBe('success');
    const after = json(saved.card).match(/档案完整度\*\* [▰▱]+ (\d+)%/)![1];
    expect(Number(after)).toBeGreaterThan(Number(before));
    const r = await customerRow(h, row!.id);
    expect(r.archive.foundingDate).toBe('2002-12-29');
    expect(r.archive.registeredCapitalFen).toBe(2_000_000_000_000);
    expect(r.version).toBe(row!.version + 1);
  });

  it.each([
    ['an invalid date', { foundingDate: '2023-02-30' }, '成立日期'],
    ['an invalid amount', { registeredCapitalFen: '很多钱' }, '注册资金'],
    ['a too-long field', { bank: '银'.repeat(101) }, '开户行'],
  ])('%s → a toast naming the field and nothing stored', async (_n, values, label) => {
    const [row] = await h.db.db.select().from(customers).where(eq(customers.name, '国家电网'));
    const { messageId, card } = lastArchive(h, 'ou_spec1');
    const edit = await click(h, 'ou_spec1', messageId, button(card, 'customer.edit', { s: 'registration' }));
    const a = await click(h, 'ou_spec1', messageId, button(edit.card!.data, 'customer.save', { s: 'registration' }), values);
    expect(a.toast?.type).toBe('error');
    expect(a.toast?.i18n.zh_cn).toContain(label);
    const r = await customerRow(h, row!.id);
    expect(r.version).toBe(row!.version);
    expect(r.archive).toEqual(row!.archive);
  });

  it('adds a contact with buyer roles; the coverage warning goes away for the coach', async () => {
    const [row] = await h.db.db.select().from(customers).where(eq(customers.name, '国家电网'));
    const { messageId, card } = lastArchive(h, 'ou_spec1');
    const edit = await click(h, 'ou_spec1', messageId, button(card, 'customer.edit', { s: 'contacts' }));
    const a = await click(h, 'ou_spec1', messageId, button(edit.card!.data, 'customer.save', { s: 'contacts' }), { contact_name: '王总', contact_position: '总经理', contact_buyerRoles: ['economic', 'coach'], contact_birthDate: '1970-05-01 +0800' });
    expect(a.toast?.type).toBe('success');
    expect(json(a.card)).not.toContain('没有教练买家');
    const r = await customerRow(h, row!.id);
    expect(r.archive.contacts).toEqual([{ name: '王总', position: '总经理', buyerRoles: ['economic', 'coach'], birthDate: '1970-05-01' }]);
  });

  it('the manager asks the owner for one missing field at a time, not twice a day', async () => {
    const [row] = await h.db.db.select().from(customers).where(eq(customers.name, '国家电网'));
    await say(h, 'ou_manager', '客户 KA-2026-0002');
    const { messageId, card } = lastArchive(h, 'ou_manager');
    const ask = button(card, 'customer.ask');
    const before = textsTo(h, 'ou_spec1').length;
    const a = await click(h, 'ou_manager', messageId, ask);
    expect(a.toast?.type).toBe('success');
    expect(textsTo(h, 'ou_spec1').length).toBe(before + 1);
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('钱经理 请您补充');
    const again = await click(h, 'ou_manager', messageId, ask);
    expect(again.toast?.type).toBe('info');
    expect(textsTo(h, 'ou_spec1').length).toBe(before + 1);
    expect(await h.db.db.$count(customerFieldAsks, eq(customerFieldAsks.customerId, row!.id))).toBe(1);
  });

  it('someone outside the owner’s line cannot save, even with a form value', async () => {
    const [row] = await h.db.db.select().from(customers).where(eq(customers.name, '国家电网'));
    const a = await h.sender.cardAction('ou_spec2', 'om_forged', { v: 1, k: 'customer.save', c: row!.id, s: 'basic' }, { formValue: { address: '篡改' } });
    expect((a.body as { toast: { type: string } }).toast.type).toBe('error');
    expect((await customerRow(h, row!.id)).archive.address).toBeUndefined();
    const audits = await h.db.db.select({ n: count() }).from(auditLog).where(and(eq(auditLog.actorId, 'ou_spec2'), eq(auditLog.action, 'customer.save_section')));
    expect(audits[0]!.n).toBe(0);
  });
});
