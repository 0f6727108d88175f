/**
 * The high-value threshold crossed by recorded transactions (交易情况): the owner and their
 * manager each get one card with a button that sets the category, once per crossing — not on
 * later transactions, not on a redelivered callback — and a new crossing after falling back
 * under the threshold tells them again. The threshold is a stored setting.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, customerTransactions } from '../../db/schema/index.js';
import { changeSetting } from '../../src/app/settings.js';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, customerRow, json, lastArchive, newCustomer, say } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  // 陈专员 has no explicit manager on the roster: the approval chain's rule still finds 钱经理.
  h = await startHarness({ roster: [...ROSTER, { openId: 'ou_spec3', name: '陈专员', role: 'specialist', managerId: null, locale: 'zh_cn' }] });
});
afterAll(async () => h?.close());

const crossedCards = (who: string, name: string) => cardsTo(h, who).filter((m) => json(m.content).includes(`达到高值客户标准：${name}`));

/** The transaction form from the archive card, submitted; `eventId` set → the same callback delivered twice. */
async function recordTransaction(who: string, name: string, values: Record<string, unknown>, o: { twice?: string } = {}) {
  await say(h, who, `客户 ${name}`);
  const { messageId, card } = lastArchive(h, who);
  const form = await click(h, who, messageId, button(card, 'customer.record', { r: 'transaction' }));
  const save = button(form.card!.data, 'customer.record.save');
  if (!o.twice) return click(h, who, messageId, save, values);
  const first = await h.sender.cardAction(who, messageId, save, { formValue: values, eventId: o.twice });
  const second = await h.sender.cardAction(who, messageId, save, { formValue: values, eventId: o.twice });
  expect([first.status, second.status]).toEqual([200, 200]);
  await h.settle();
  return first.body as { toast?: { type: string } };
}

describe('crossing the high-value threshold', () => {
  it('tells the owner and the manager once, when the 12-month total reaches ¥5,000,000, even with the callback delivered twice', async () => {
    const row = await newCustomer(h, 'ou_spec1', '宝山钢铁股份有限公司');
    expect((await recordTransaction('ou_spec1', '宝山钢铁', { tx_amount: '300万', tx_date: '2026-06-01 +0800' })).toast?.type).toBe('success');
    expect(crossedCards('ou_spec1', '宝山钢铁股份有限公司')).toHaveLength(0);
    expect(crossedCards('ou_manager', '宝山钢铁股份有限公司')).toHaveLength(0);

    const crossing = await recordTransaction('ou_spec1', '宝山钢铁', { tx_amount: '250万', tx_date: '2026-11-20 +0800' }, { twice: 'evt-hv-crossing' });
    expect(crossing.toast?.type).toBe('success');
    expect(await h.db.db.$count(customerTransactions, eq(customerTransactions.customerId, row.id))).toBe(2);
    const [owner] = crossedCards('ou_spec1', '宝山钢铁股份有限公司');
    const manager = crossedCards('ou_manager', '宝山钢铁股份有限公司');
    expect(owner).toBeTruthy();
    expect(crossedCards('ou_spec1', '宝山钢铁股份有限公司')).toHaveLength(1);
    expect(manager).toHaveLength(1);
    expect(crossedCards('ou_director', '宝山钢铁股份有限公司')).toHaveLength(0);
    expect(json(manager[0]!.content)).toContain('¥5,500,000.00');
    expect(json(manager[0]!.content)).toContain('负责人：李专员');
    expect((await customerRow(h, row.id)).highValueCrossedAt).not.toBeNull();

    // Later transactions above the threshold stay silent.
    await recordTransaction('ou_spec1', '宝山钢铁', { tx_amount: '100万', tx_date: '2026-11-25 +0800' });
    expect(crossedCards('ou_spec1', '宝山钢铁股份有限公司')).toHaveLength(1);
    expect(crossedCards('ou_manager', '宝山钢铁股份有限公司')).toHaveLength(1);
    expect(await h.db.db.$count(auditLog, and(eq(auditLog.subjectId, row.id), eq(auditLog.action, 'customer.high_value_crossed')))).toBe(1);

    // The manager's button opens the category form with high value chosen; saving sets it.
    const m = manager[0]!;
    const form = await click(h, 'ou_manager', m.messageId, button(m.content, 'customer.category', { cat: 'high_value', c: row.id }));
    expect(json(form.card)).toContain('"initial_option":"high_value"');
    const set = await click(h, 'ou_manager', m.messageId, button(form.card!.data, 'customer.category.save'), { cat_category: 'high_value', cat_action: 'set', cat_reason: '近12个月交易额达标' });
    expect(set.toast?.type, set.toast?.content).toBe('success');
    expect((await customerRow(h, row.id)).categories).toEqual(['high_value']);
  });

  it('uses the stored threshold; a fall back under it (a refund) and a new crossing tells them again; an unassigned manager is found by the approval rule', async () => {
    await h.db.db.transaction((tx) => changeSetting(tx, 'highValueThreshold', 1_000_000, 'ou_admin', h.clock.now()));
    const row = await newCustomer(h, 'ou_spec3', '鞍山钢铁集团有限公司');
    await recordTransaction('ou_spec3', '鞍山钢铁', { tx_amount: '120万', tx_date: '2026-11-02 +0800' });
    expect(crossedCards('ou_spec3', '鞍山钢铁集团有限公司')).toHaveLength(1);
    expect(crossedCards('ou_manager', '鞍山钢铁集团有限公司')).toHaveLength(1);
    expect(json(crossedCards('ou_manager', '鞍山钢铁集团有限公司')[0]!.content)).toContain('¥1,000,000.00');

    await recordTransaction('ou_spec3', '鞍山钢铁', { tx_amount: '-50万', tx_date: '2026-11-10 +0800', tx_note: '退货' });
    expect((await customerRow(h, row.id)).highValueCrossedAt).toBeNull();
    expect(crossedCards('ou_spec3', '鞍山钢铁集团有限公司')).toHaveLength(1);

    await recordTransaction('ou_spec3', '鞍山钢铁', { tx_amount: '40万', tx_date: '2026-11-21 +0800' });
    expect(crossedCards('ou_spec3', '鞍山钢铁集团有限公司')).toHaveLength(2);
    expect(crossedCards('ou_manager', '鞍山钢铁集团有限公司')).toHaveLength(2);
  });

  it('a customer already marked high value is not announced, only marked as crossed', async () => {
    const row = await newCustomer(h, 'ou_spec2', '首钢集团有限公司');
    await say(h, 'ou_spec2', '客户 首钢集团');
    const { messageId, card } = lastArchive(h, 'ou_spec2');
    const form = await click(h, 'ou_spec2', messageId, button(card, 'customer.category'));
    await click(h, 'ou_spec2', messageId, button(form.card!.data, 'customer.category.save'), { cat_category: 'high_value', cat_action: 'set', cat_reason: '集团大客户' });
    await recordTransaction('ou_spec2', '首钢集团', { tx_amount: '200万', tx_date: '2026-11-02 +0800' });
    expect(crossedCards('ou_spec2', '首钢集团有限公司')).toHaveLength(0);
    expect(crossedCards('ou_manager', '首钢集团有限公司')).toHaveLength(0);
    expect((await customerRow(h, row.id)).highValueCrossedAt).not.toBeNull();
  });
});
