/**
 * Issue 12, the staff at fault on a complaint: recording a valid complaint may name who was at
 * fault (a person picker on the form); the valid-complaints KPI then counts it for them, and a
 * complaint naming nobody for the customer's owner that day. Naming someone on an invalid
 * complaint, or someone not on the roster, is refused and nothing is saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { customerComplaints } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, json, lastArchive, newCustomer, say } from './customer-helpers.js';

let h: Harness;
let customerId = '';
const complaints = () => h.db.db.select().from(customerComplaints).where(eq(customerComplaints.customerId, customerId)).orderBy(asc(customerComplaints.id));
const kpiCard = (who: string) => json(cardsTo(h, who).filter((m) => json(m.content).includes('绩效 KPI · ')).at(-1)?.content);

async function complaintForm(who: string) {
  await say(h, who, '客户 华东机械');
  const { messageId, card } = lastArchive(h, who);
  const form = await click(h, who, messageId, button(card, 'customer.record', { r: 'complaint' }));
  return { messageId, form: form.card!.data as Record<string, unknown> };
}

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' });
  customerId = (await newCustomer(h, 'ou_spec1', '华东机械制造有限公司')).id;
});
afterAll(async () => h?.close());

describe('the staff at fault on a complaint', () => {
  it('the form offers a person picker; an invalid complaint naming someone and a stranger are refused', async () => {
    const { messageId, form } = await complaintForm('ou_manager');
    expect(json(form)).toContain('"name":"cp_staff"');
    expect(json(form)).toContain('"tag":"select_person"');
    const save = button(form, 'customer.record.save');
    const invalid = await click(h, 'ou_manager', messageId, save, { cp_valid: 'invalid', cp_cause: '客户误解', cp_staff: 'ou_spec2' });
    expect(invalid.toast?.i18n.zh_cn).toContain('只有有效投诉才能指定责任人');
    const ghost = await click(h, 'ou_manager', messageId, save, { cp_valid: 'valid', cp_cause: '发错货', cp_staff: 'ou_nobody' });
    expect(ghost.toast?.i18n.zh_cn).toContain('须为大客户部在册成员');
    expect(await complaints()).toEqual([]);
  });

  it('a valid complaint naming the staff counts for them; one naming nobody for the owner', async () => {
    let { messageId, form } = await complaintForm('ou_manager');
    const named = await click(h, 'ou_manager', messageId, button(form, 'customer.record.save'), { cp_valid: 'valid', cp_cause: '安装人员未按约定时间到场', cp_staff: ['ou_spec2'] });
    expect(named.toast?.type, named.toast?.content).toBe('success');
    ({ messageId, form } = await complaintForm('ou_spec1'));
    const plain = await click(h, 'ou_spec1', messageId, button(form, 'customer.record.save'), { cp_valid: 'valid', cp_cause: '交货延迟' });
    expect(plain.toast?.type, plain.toast?.content).toBe('success');
    expect((await complaints()).map((c) => c.staffId)).toEqual(['ou_spec2', null]);
    const history = await click(h, 'ou_spec1', messageId, { v: 1, k: 'customer.history', c: customerId, t: 'complaints', p: 1 });
    expect(json(history.card)).toContain('有效投诉（责任人 Wang Wei）');

    await say(h, 'ou_spec2', 'kpi this quarter');
    expect(kpiCard('ou_spec2')).toContain('1 valid of 1 complaints');
    await say(h, 'ou_spec1', '绩效 本季度');
    expect(kpiCard('ou_spec1')).toContain('投诉 1 次，其中有效 1 次');
    await say(h, 'ou_manager', '绩效 本季度');
    expect(kpiCard('ou_manager')).toContain('投诉 2 次，其中有效 2 次');
  });
});
