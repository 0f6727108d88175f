/**
 * Issue 18: a visit could not be planned in a 20-person department — the plan form listed every
 * member in seven dropdowns, passed Feishu's 30 KB, the fake Lark (like Feishu) refused it with
 * 230025 and `拜访` got no reply. Through the real path: the message posted to the webhook, the
 * card at the fake Lark, the form submitted with person-picker values.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { OrgMember } from '../../src/app/org-file.js';
import { CARD_MAX_BYTES } from '../../cards/validate.js';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import { button, click, customerWithContacts, json, lastCardTo, PLAN_VALUES, say, visitRow } from './visit-helpers.js';

const hex = (i: number) => (i * 2654435761).toString(16).padStart(8, '0').repeat(4).slice(0, 32);
/** The harness's seven plus specialists with Feishu-length open_ids, in teams under two more managers. */
function department(size: number): OrgMember[] {
  const extra: OrgMember[] = [
    { openId: `ou_${hex(1)}`, name: '冯经理', role: 'manager', managerId: 'ou_director', locale: 'zh_cn' },
    { openId: `ou_${hex(2)}`, name: 'Konstantinos Papadopoulos', role: 'manager', managerId: 'ou_director', locale: 'en_us' },
  ];
  for (let i = 3; ROSTER.length + extra.length < size; i++) {
    extra.push({ openId: `ou_${hex(i)}`, name: `欧阳专员${i}`, role: 'specialist', managerId: i % 3 === 0 ? 'ou_manager' : `ou_${hex(1 + (i % 2))}`, locale: 'zh_cn' });
  }
  return [...ROSTER, ...extra];
}

let h: Harness;
afterEach(async () => h?.close());

describe.each([20, 200])('planning a visit in a %i-person department', (size) => {
  it('拜访 gets a plan card with person pickers under 30 KB, and a submit with picked people files the plan', async () => {
    const roster = department(size);
    h = await startHarness({ now: '2026-11-27T02:00:00Z', roster });
    await customerWithContacts(h, 'ou_spec1', '中国华能集团有限公司华东分公司');
    await say(h, 'ou_spec1', '拜访 中国华能集团有限公司华东分公司');

    const refused = h.lark.calls.filter((c) => c.code === 230025);
    expect(refused, 'Lark refused an oversized card').toEqual([]);
    const form = lastCardTo(h, 'ou_spec1');
    expect(json(form.content)).toContain('拜访计划');
    expect(new TextEncoder().encode(json(form.content)).length).toBeLessThan(CARD_MAX_BYTES);
    expect(json(form.content), 'members are open_ids in pickers, not names in dropdowns').not.toContain('欧阳专员');
    const attendees = (json(form.content).match(/"multi_select_person"/g) ?? []).length;
    expect(attendees).toBe(1);
    // The planner's own team is offered first: a teammate under 钱经理 is on the list whatever the size.
    const teammate = roster.find((m) => m.managerId === 'ou_manager' && m.openId.length > 20)!;
    expect(json(form.content)).toContain(teammate.openId);
    if (size > 100) expect(json(form.content)).toContain('名单较长');
    else for (const m of roster.filter((x) => x.role !== 'finance')) expect(json(form.content)).toContain(`"${m.openId}"`);

    const values = { ...PLAN_VALUES, vp_attendees: ['ou_manager', teammate.openId], mat_brochure_owner: teammate.openId };
    const answer = await click(h, 'ou_spec1', form.messageId, button(form.content, 'visit.submit'), values);
    expect(answer.toast?.type, answer.toast?.content).toBe('success');
    const { visits } = await import('../../db/schema/index.js');
    const [row] = await h.db.db.select().from(visits);
    const visit = await visitRow(h, row!.id);
    expect(visit.plan.attendees).toEqual(['ou_manager', teammate.openId]);
    expect(visit.plan.materials).toEqual([expect.objectContaining({ item: 'brochure', ownerId: teammate.openId })]);
  });
});

describe('the archive card of a customer with years of history', () => {
  it('60 transactions and 30 visits with the longest texts the forms allow: the card still fits and keeps its history', async () => {
    h = await startHarness({ now: '2026-11-27T02:00:00Z', roster: department(200) });
    const row = await customerWithContacts(h, 'ou_spec1', '中国华能集团有限公司华东分公司');
    const { customerTransactions, visits } = await import('../../db/schema/index.js');
    const now = h.clock.now();
    await h.db.db.insert(customerTransactions).values(Array.from({ length: 60 }, (_, i) => ({
      customerId: row.id, number: `合同${i}`.padEnd(100, '号'), date: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
      place: '地'.repeat(100), amountFen: 999_999_999_999, breach: true, note: '注'.repeat(1000), responsibleId: `ou_${hex(7)}`, recordedBy: 'ou_spec1', createdAt: now,
    })));
    await h.db.db.insert(visits).values(Array.from({ length: 30 }, (_, i) => ({
      id: `v_size_${i}`, customerId: row.id, ownerId: 'ou_spec1', status: 'approved' as const, visitAt: new Date(now.getTime() - i * 86_400_000),
      plan: { place: '华能', purpose: '目'.repeat(2000), attendees: [], contacts: [], firstContact: null, materials: [], budgetFen: 0 }, createdAt: now, updatedAt: now,
    })));
    await say(h, 'ou_spec1', '客户 中国华能集团有限公司华东分公司');
    expect(h.lark.calls.filter((c) => c.code === 230025), 'Lark refused an oversized card').toEqual([]);
    const archive = lastCardTo(h, 'ou_spec1');
    expect(new TextEncoder().encode(json(archive.content)).length).toBeLessThan(CARD_MAX_BYTES);
    expect(json(archive.content)).toContain('共 60 条，第 1/12 页');
    const visitsPage = await click(h, 'ou_spec1', archive.messageId, button(archive.content, 'customer.history', { t: 'visits', p: 1 }));
    expect(new TextEncoder().encode(json(visitsPage.card)).length).toBeLessThan(CARD_MAX_BYTES);
    expect(json(visitsPage.card)).toContain('第 1/6 页');
  });
});

describe('an oversized card', () => {
  it('is refused by the fake Lark with 230025 as Feishu does, so a test fails the way Feishu would', async () => {
    h = await startHarness({ now: '2026-11-27T02:00:00Z' });
    const { tenantToken } = await fetchToken(h);
    const big = { schema: '2.0', config: { update_multi: true }, body: { elements: Array.from({ length: 100 }, () => ({ tag: 'markdown', content: '华'.repeat(200) })) } };
    const res = await fetch(`${larkUrl(h)}/open-apis/im/v1/messages?receive_id_type=open_id`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenantToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ receive_id: 'ou_spec1', msg_type: 'interactive', content: JSON.stringify(big) }),
    });
    expect(await res.json()).toMatchObject({ code: 230025 });
  });
});

const larkUrl = (x: Harness) => x.deps.config.lark.baseUrl;
async function fetchToken(x: Harness): Promise<{ tenantToken: string }> {
  const r = await fetch(`${larkUrl(x)}/open-apis/auth/v3/tenant_access_token/internal`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: 'cli_fake0000000000', app_secret: 'fake-secret' }),
  });
  return { tenantToken: ((await r.json()) as { tenant_access_token: string }).tenant_access_token };
}
