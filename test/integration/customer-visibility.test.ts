/** Who sees personal data and who may edit, per role, enforced in the use cases (not just the card). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { customers } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardOf, click, json, lastArchive, newCustomer, say } from './customer-helpers.js';

let h: Harness;
let id = '';
beforeAll(async () => {
  h = await startHarness();
  const row = await newCustomer(h, 'ou_spec1', '华能集团');
  id = row.id;
  await say(h, 'ou_spec1', '客户 华能集团');
  const { messageId, card } = lastArchive(h, 'ou_spec1');
  const edit = await click(h, 'ou_spec1', messageId, button(card, 'customer.edit', { s: 'people' }));
  const a = await click(h, 'ou_spec1', messageId, button(edit.card!.data, 'customer.save', { s: 'people' }), {
    legalRep_name: '张董', legalRep_birthDate: '1965-03-08 +0800', legalRep_hobbies: '高尔夫', legalRep_family: '已婚，一子',
  });
  expect(a.toast?.type).toBe('success');
  await newCustomer(h, 'ou_spec2', 'Acme Widgets');
});
afterAll(async () => h?.close());

describe.each([
  ['ou_spec1', 'the owner', true],
  ['ou_manager', "the owner's manager", true],
  ['ou_director', 'the director', true],
  ['ou_assistant', 'the assistant', true],
  ['ou_spec2', 'another specialist', false],
  ['ou_finance', 'finance', false],
])('%s (%s)', (who, _label, personal) => {
  it(personal ? 'sees personal data and may edit' : 'sees company fields only and may not edit', async () => {
    const out = await say(h, who, '客户 华能集团');
    const text = json(cardOf(out.at(-1)));
    expect(text).toContain('张董');
    for (const secret of ['1965-03-08', '高尔夫', '已婚']) expect(text.includes(secret)).toBe(personal);
    expect(text.includes('customer.edit')).toBe(personal);
  });

  it(personal ? 'may open an edit form' : 'is refused an edit form and a save, even with a forged value', async () => {
    const before = (await h.db.db.select().from(customers).where(eq(customers.id, id)))[0]!;
    const open = await h.sender.cardAction(who, 'om_any', { v: 1, k: 'customer.edit', c: id, s: 'people' });
    const body = open.body as { toast?: { type: string }; card?: { data: unknown } };
    if (personal) {
      expect(json(body.card)).toContain('legalRep_birthDate');
      return;
    }
    expect(body.toast?.type).toBe('error');
    const save = await h.sender.cardAction(who, 'om_any', { v: 1, k: 'customer.save', c: id, s: 'people' }, { formValue: { legalRep_name: '改名' } });
    expect((save.body as { toast: { type: string } }).toast.type).toBe('error');
    const after = (await h.db.db.select().from(customers).where(eq(customers.id, id)))[0]!;
    expect(after.archive).toEqual(before.archive);
  });
});

describe('the customer list follows the role', () => {
  const names = async (who: string) => json(cardOf((await say(h, who, '我的客户')).at(-1)));
  it('a specialist sees their own customers only', async () => {
    const l1 = await names('ou_spec1');
    expect(l1).toContain('华能集团');
    expect(l1).not.toContain('Acme Widgets');
    const l2 = await names('ou_spec2');
    expect(l2).toContain('Acme Widgets');
    expect(l2).not.toContain('华能集团');
  });
  it('the manager sees the team’s, the director and the assistant see all', async () => {
    for (const who of ['ou_manager', 'ou_director', 'ou_assistant']) {
      const l = await names(who);
      expect(l, who).toContain('华能集团');
      expect(l, who).toContain('Acme Widgets');
    }
  });
});

it("the owner's manager edits the people section, personal fields included", async () => {
  await say(h, 'ou_manager', '客户 华能集团');
  const { messageId, card } = lastArchive(h, 'ou_manager');
  const edit = await click(h, 'ou_manager', messageId, button(card, 'customer.edit', { s: 'people' }));
  const a = await click(h, 'ou_manager', messageId, button(edit.card!.data, 'customer.save', { s: 'people' }), {
    legalRep_name: '张董事长', legalRep_birthDate: '1965-03-08 +0800', legalRep_hobbies: '高尔夫', legalRep_family: '已婚，一子',
  });
  expect(a.toast?.type).toBe('success');
  const row = (await h.db.db.select().from(customers).where(eq(customers.id, id)))[0]!;
  expect(row.archive.legalRep).toMatchObject({ name: '张董事长', birthDate: '1965-03-08', hobbies: '高尔夫' });
});
