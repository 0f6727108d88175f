/**
 * Issue 15: the archive card shows what was recorded about the customer — transactions, visits,
 * complaints, questions, stage and category changes — newest first, five to a page, with tab and
 * page buttons that patch the card; personal fields stay scoped by the viewer's role. At a
 * realistic size (60 transactions, 30 visits) the card stays under Lark's limit.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customers, customerTransactions, visits } from '../../db/schema/index.js';
import { CARD_MAX_BYTES } from '../../cards/validate.js';
import type { Json } from '../../cards/kit.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, click, json, lastArchive, newCustomer, say } from './customer-helpers.js';

let h: Harness;
let id = '';
const NAME = '中国华能集团有限公司华东分公司';
const bytes = (x: unknown) => new TextEncoder().encode(json(x)).length;

async function openArchive(who: string) {
  await say(h, who, `客户 ${NAME}`);
  return lastArchive(h, who);
}

async function viaForm(who: string, k: string, extra: Record<string, Json>, submitK: string, values: Record<string, unknown>) {
  const { messageId, card } = await openArchive(who);
  const form = await click(h, who, messageId, button(card, k, extra));
  const r = await click(h, who, messageId, button(form.card!.data, submitK), values);
  expect(r.toast?.type, r.toast?.content).toBe('success');
  return r;
}

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' });
  id = (await newCustomer(h, 'ou_spec1', NAME)).id;
  // A contact with personal details, through the form.
  const { messageId, card } = await openArchive('ou_spec1');
  const edit = await click(h, 'ou_spec1', messageId, button(card, 'customer.edit', { s: 'people' }));
  const saved = await click(h, 'ou_spec1', messageId, button(edit.card!.data, 'customer.save', { s: 'people' }), {
    legalRep_name: '张董', legalRep_birthDate: '1965-03-08 +0800', legalRep_hobbies: '高尔夫', legalRep_family: '已婚，一子',
  });
  expect(saved.toast?.type).toBe('success');
  // Recorded the ordinary way: a transaction, a complaint, a question, a stage move, a category.
  await viaForm('ou_spec1', 'customer.record', { r: 'transaction' }, 'customer.record.save', { tx_amount: '120万', tx_date: '2026-11-26 +0800', tx_number: 'HT-最新', tx_place: '上海' });
  await viaForm('ou_spec1', 'customer.record', { r: 'complaint' }, 'customer.record.save', { cp_valid: 'valid', cp_cause: '交货延迟三天' });
  await viaForm('ou_spec1', 'customer.record', { r: 'question' }, 'customer.record.save', { q_text: '保修期多久？', q_asked: '2026-11-20 +0800' });
  await viaForm('ou_spec1', 'customer.stage', {}, 'customer.stage.save', { st_stage: 'researching' });
  h.clock.advance(60_000);
  await viaForm('ou_manager', 'customer.category', {}, 'customer.category.save', { cat_category: 'important', cat_action: 'set', cat_reason: '集团战略客户' });
  // The rest of a realistic history, as years of use leave it: 59 older transactions with long
  // notes, and 30 visits.
  const now = h.clock.now();
  await h.db.db.insert(customerTransactions).values(Array.from({ length: 59 }, (_, i) => ({
    customerId: id,
    number: `HT-2026-${String(i).padStart(4, '0')}`,
    date: new Date(Date.UTC(2026, 10, 25) - i * 5 * 86_400_000).toISOString().slice(0, 10),
    place: '江苏省南京市鼓楼区中山北路华能大厦',
    amountFen: (i + 1) * 1_000_000,
    breach: i % 10 === 0,
    note: '合同执行情况良好，'.repeat(60),
    recordedBy: 'ou_spec1',
    createdAt: now,
  })));
  await h.db.db.insert(visits).values(Array.from({ length: 30 }, (_, i) => ({
    id: `v_hist_${i}`,
    customerId: id,
    ownerId: i % 2 ? 'ou_spec1' : 'ou_spec2',
    status: 'recorded' as const,
    visitAt: new Date(Date.UTC(2026, 10, 24, 2) - i * 7 * 86_400_000),
    plan: { place: '华能大厦', purpose: `第${i + 1}次拜访：${'介绍新产品方案与报价，'.repeat(30)}`, attendees: [], contacts: [], firstContact: null, materials: [], budgetFen: 0 },
    record: { time: null, place: null, method: 'in_person' as const, points: '谈了', customerView: null, nextSteps: null, nextVisitAt: null, nextVisitText: null, outcome: 'success' as const, failureReason: null },
    createdAt: now,
    updatedAt: now,
  })));
});
afterAll(async () => h?.close());

describe('the archive card’s history', () => {
  it('opens on transactions, newest first, five to a page, under Lark’s size limit', async () => {
    const { card } = await openArchive('ou_spec1');
    const text = json(card);
    expect(text).toContain('历史记录 · 交易');
    expect(text).toContain('共 60 条，第 1/12 页');
    expect(text).toContain('History · Transactions');
    const rows = text.slice(text.indexOf('2026-11-26'));
    expect(rows.indexOf('HT-最新')).toBeLessThan(rows.indexOf('HT-2026-0000'));
    expect(text).toContain('HT-2026-0003');
    expect(text).not.toContain('HT-2026-0004');
    expect(text).toContain('¥1,200,000.00');
    expect(text, 'each tab shows its count').toMatch(/拜访 30/);
    expect(bytes(card)).toBeLessThan(CARD_MAX_BYTES);
    expect(h.lark.calls.filter((c) => c.code === 230025), 'Lark refused an oversized card').toEqual([]);
  });

  it('下一页 and a tab patch the card; the last page has no next button', async () => {
    const { messageId, card } = await openArchive('ou_spec1');
    const next = await click(h, 'ou_spec1', messageId, button(card, 'customer.history', { t: 'transactions', p: 2 }));
    expect(json(next.card)).toContain('第 2/12 页');
    expect(json(next.card)).toContain('HT-2026-0004');
    expect(json(next.card)).not.toContain('HT-2026-0003');
    const prev = button(next.card!.data, 'customer.history', { t: 'transactions', p: 1 });
    expect(prev).toBeTruthy();

    const v = await click(h, 'ou_spec1', messageId, button(next.card!.data, 'customer.history', { t: 'visits', p: 1 }));
    const vt = json(v.card);
    expect(vt).toContain('历史记录 · 拜访');
    expect(vt).toContain('共 30 条，第 1/6 页');
    expect(vt).toContain('第1次拜访');
    expect(vt).not.toContain('第6次拜访');
    expect(vt).toContain('2026-11-24');
    const last = await click(h, 'ou_spec1', messageId, { v: 1, k: 'customer.history', c: id, t: 'visits', p: 6 });
    expect(json(last.card)).toContain('第30次拜访');
    expect(json(last.card)).toContain('第 6/6 页');
    expect(() => button(last.card!.data, 'customer.history', { t: 'visits', p: 7 })).toThrow();
    // The card at Lark was patched by the answer, and it fits.
    expect(bytes(last.card)).toBeLessThan(CARD_MAX_BYTES);
  });

  it('complaints, questions, and stage and category changes with who made them', async () => {
    const { messageId } = await openArchive('ou_spec1');
    const c = json((await click(h, 'ou_spec1', messageId, { v: 1, k: 'customer.history', c: id, t: 'complaints', p: 1 })).card);
    expect(c).toContain('有效投诉');
    expect(c).toContain('交货延迟三天');
    const q = json((await click(h, 'ou_spec1', messageId, { v: 1, k: 'customer.history', c: id, t: 'questions', p: 1 })).card);
    expect(q).toContain('保修期多久？');
    expect(q).toContain('未答复');
    const ch = json((await click(h, 'ou_spec1', messageId, { v: 1, k: 'customer.history', c: id, t: 'changes', p: 1 })).card);
    expect(ch).toContain('阶段 选定 → 调查');
    expect(ch).toContain('设为重要客户');
    expect(ch).toContain('钱经理');
    expect(ch.indexOf('设为重要客户'), 'newest first').toBeLessThan(ch.indexOf('阶段 选定 → 调查'));
  });

  it('a page past the end shows the last page; a forged value changes nothing and says so', async () => {
    const { messageId } = await openArchive('ou_spec1');
    const far = await click(h, 'ou_spec1', messageId, { v: 1, k: 'customer.history', c: id, t: 'transactions', p: 999 });
    expect(json(far.card)).toContain('第 12/12 页');
    for (const bad of [{ p: 0 }, { p: 'x' }, { p: 1.5 }, { t: 'salaries' }, { p: 1e9 }]) {
      const a = await click(h, 'ou_spec1', messageId, { v: 1, k: 'customer.history', c: id, t: 'transactions', p: 1, ...bad } as never);
      expect(a.toast?.type, JSON.stringify(bad)).toBe('warning');
      expect(a.card).toBeFalsy();
    }
  });

  it('paging keeps the viewer’s scope: another specialist never sees personal fields, in English', async () => {
    const { messageId, card } = await openArchive('ou_spec2');
    expect(json(card)).toContain('张董');
    expect(json(card)).not.toContain('高尔夫');
    const p = await click(h, 'ou_spec2', messageId, button(card, 'customer.history', { t: 'visits', p: 1 }));
    const t = json(p.card);
    expect(t).toContain('History · Visits');
    expect(t).not.toContain('高尔夫');
    expect(t).not.toContain('1965-03-08');
    expect(t).not.toContain('customer.edit');
    // The owner's page shows them.
    const mine = await click(h, 'ou_spec1', lastArchive(h, 'ou_spec1').messageId, { v: 1, k: 'customer.history', c: id, t: 'visits', p: 2 });
    expect(json(mine.card)).toContain('高尔夫');
    const [row] = await h.db.db.select().from(customers).where(eq(customers.id, id));
    expect(row!.name).toBe(NAME);
  });
});
