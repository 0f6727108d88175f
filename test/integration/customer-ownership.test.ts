/**
 * Customer ownership: a customer created by a manager or the assistant asks whom it belongs to
 * (a person picker), the manager can edit it meanwhile, the owner is set and later transferred
 * by chat or card (audited, both people told), the new owner can file its development
 * application, and strangers or unknown people change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq } from 'drizzle-orm';
import { auditLog, customers } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, json, lastArchive, say, textsTo } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const NAME = '华能国际电力股份有限公司';
const row = async (name = NAME) => (await h.db.db.select().from(customers).where(eq(customers.name, name)))[0]!;
const ownerAudit = async (id: string) =>
  (await h.db.db.select().from(auditLog).where(and(eq(auditLog.subjectId, id))).orderBy(asc(auditLog.id))).filter((a) => a.action.startsWith('customer.owner')).map((a) => [a.action, a.actorId, (a.detail as { from: string | null }).from, (a.detail as { to: string }).to]);
const ownerCardTo = (who: string) => cardsTo(h, who).filter((m) => json(m.content).includes('"select_person"')).at(-1)!;
const mention = (openId: string, name: string) => ({ key: '@_user_1', openId, name });

describe('a customer created by a manager', () => {
  it('asks the manager whom it belongs to, with a person picker of the people who can own accounts', async () => {
    await say(h, 'ou_manager', `新客户 ${NAME}`);
    expect((await row()).ownerId).toBeNull();
    const ask = ownerCardTo('ou_manager');
    expect(json(ask.content)).toContain('这个客户由谁负责');
    const picker = JSON.stringify(ask.content).match(/"tag":"select_person"[^\]]*\]/)![0];
    for (const id of ['ou_spec1', 'ou_spec2', 'ou_manager']) expect(picker).toContain(id);
    for (const id of ['ou_finance', 'ou_director', 'ou_assistant']) expect(picker).not.toContain(id);
  });

  it('can be edited by the manager while it has no owner', async () => {
    const { messageId, card } = lastArchive(h, 'ou_manager');
    const form = await click(h, 'ou_manager', messageId, button(card, 'customer.edit', { s: 'basic' }));
    expect(form.toast?.type).not.toBe('error');
    expect(form.card).toBeTruthy();
  });

  it('gets its owner from the picker: audited, the owner told, and the owner can apply to develop it', async () => {
    const ask = ownerCardTo('ou_manager');
    const save = button(ask.content, 'customer.owner.save');
    const empty = await click(h, 'ou_manager', ask.messageId, save, { ow_reason: '' });
    expect(empty.toast?.type).toBe('error');
    const ok = await click(h, 'ou_manager', ask.messageId, save, { ow_to: 'ou_spec1', ow_reason: '华北区域' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const c = await row();
    expect(c.ownerId).toBe('ou_spec1');
    expect(await ownerAudit(c.id)).toEqual([['customer.owner_set', 'ou_manager', null, 'ou_spec1']]);
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain(`钱经理 已将客户「${NAME}」`);
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('华北区域');
    // the same form cannot be saved twice
    const again = await click(h, 'ou_manager', ask.messageId, save, { ow_to: 'ou_spec2' });
    expect(again.toast?.type).not.toBe('success');
    expect((await row()).ownerId).toBe('ou_spec1');

    await say(h, 'ou_spec1', `客户 ${NAME}`);
    const archive = lastArchive(h, 'ou_spec1');
    const develop = await click(h, 'ou_spec1', archive.messageId, button(archive.card, 'customer.develop'));
    // past the owner check: what stands in the way now is the lifecycle (screening), not ownership
    expect(develop.toast?.i18n.zh_cn).toContain('筛选评价');
  });
});

describe('transferring the owner', () => {
  it('refuses a stranger and an unknown or unsuitable person clearly, changing nothing', async () => {
    const before = await row();
    const bySpecialist = await say(h, 'ou_spec2', `负责人 华能 @_user_1`, { mentions: [mention('ou_spec2', 'Wang Wei')] });
    expect(json(bySpecialist)).toContain('is not available to your role');
    const managers = ownerCardTo('ou_manager');
    const form = await click(h, 'ou_spec2', managers.messageId, button(managers.content, 'customer.owner.save'), { ow_to: 'ou_spec2' });
    expect(form.toast?.type).toBe('error');
    expect(form.toast?.i18n.en_us).toContain('Only a manager, the director or an administrator');
    const ghost = await say(h, 'ou_director', '负责人 华能 @_user_1', { mentions: [mention('ou_ghost', '幽灵')] });
    expect(json(ghost)).toContain('幽灵 不在大客户部名单中');
    const finance = await say(h, 'ou_director', '负责人 华能 @_user_1', { mentions: [mention('ou_finance', '周财务')] });
    expect(json(finance)).toContain('周财务 不能负责客户');
    const same = await say(h, 'ou_director', '负责人 华能 @_user_1', { mentions: [mention('ou_spec1', '李专员')] });
    expect(json(same)).toContain('已经是这个客户的负责人');
    const nobody = await say(h, 'ou_director', '负责人 不存在的公司 @_user_1', { mentions: [mention('ou_spec1', '李专员')] });
    expect(json(nobody)).toContain('找不到客户「不存在的公司」');
    expect(await row()).toEqual(before);
  });

  it('the director transfers it by chat: both people are told, each in their language, and it is audited', async () => {
    const out = await say(h, 'ou_director', '转交客户 华能 @_user_1', { mentions: [mention('ou_spec2', 'Wang Wei')] });
    expect(json(out)).toContain('已将「华能国际电力股份有限公司」交由 Wang Wei 负责');
    const c = await row();
    expect(c.ownerId).toBe('ou_spec2');
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('转交给 Wang Wei 负责');
    expect(textsTo(h, 'ou_spec2').at(-1)).toContain('made you the owner of 华能国际电力股份有限公司 (KA-2026-0001), previously 李专员');
    expect((await ownerAudit(c.id)).at(-1)).toEqual(['customer.owner_transfer', 'ou_director', 'ou_spec1', 'ou_spec2']);
    // the earlier archive copies now show the new owner
    expect(json(h.lark.messages.get(lastArchive(h, 'ou_spec1').messageId)!.content)).toContain('Wang Wei');
  });
});

describe('a customer created by the assistant', () => {
  it('asks the assistant whom it belongs to once; setting it is allowed, transferring it later is not', async () => {
    await say(h, 'ou_assistant', '新客户 大唐国际发电股份有限公司');
    const ask = ownerCardTo('ou_assistant');
    const ok = await click(h, 'ou_assistant', ask.messageId, button(ask.content, 'customer.owner.save'), { ow_to: 'ou_spec1' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const c = await row('大唐国际发电股份有限公司');
    expect(c.ownerId).toBe('ou_spec1');
    const again = await say(h, 'ou_assistant', '负责人 大唐国际 @_user_1', { mentions: [mention('ou_spec2', 'Wang Wei')] });
    expect(json(again)).toContain('只有经理、总监或管理员');
    expect((await row('大唐国际发电股份有限公司')).ownerId).toBe('ou_spec1');
  });

  it('a specialist’s own new customer is theirs at once and nobody is asked', async () => {
    const before = cardsTo(h, 'ou_spec2').length;
    await say(h, 'ou_spec2', '新客户 国电南瑞科技股份有限公司');
    expect((await row('国电南瑞科技股份有限公司')).ownerId).toBe('ou_spec2');
    expect(cardsTo(h, 'ou_spec2').slice(before).some((m) => json(m.content).includes('select_person'))).toBe(false);
  });
});
