/** Steps shared by the visit tests: a customer with contacts, a plan filed by form, the chain approved. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { customers, obligations, reimbursements, visits } from '../../db/schema/index.js';
import type { Harness } from '../support/harness.js';
import { button, cardsTo, click, lastCardTo, textsTo } from './approval-helpers.js';
import { json, newCustomer, say } from './customer-helpers.js';
import { PLAN_CONTACTS, PLAN_VALUES } from '../support/visit-plan.js';

export { button, cardsTo, click, json, lastCardTo, PLAN_VALUES, say, textsTo };

/** A customer owned by `who`, with an economic buyer and a coach on file. */
export async function customerWithContacts(h: Harness, who: string, name: string) {
  const row = await newCustomer(h, who, name);
  const archive = { ...row.archive, contacts: PLAN_CONTACTS };
  await h.db.db.update(customers).set({ archive: archive as never }).where(eq(customers.id, row.id));
  return row;
}

/** `拜访 <name>` and the form submitted; returns the visit row and the form message (now the visit card). */
export async function planVisit(h: Harness, who: string, name: string, values: Record<string, unknown> = PLAN_VALUES) {
  await say(h, who, `拜访 ${name}`);
  const form = lastCardTo(h, who);
  expect(json(form.content)).toContain('拜访计划');
  const answer = await click(h, who, form.messageId, button(form.content, 'visit.submit'), values);
  expect(answer.toast?.type, answer.toast?.content).toBe('success');
  const [row] = await h.db.db.select().from(visits).where(eq(visits.formMessageId, form.messageId));
  expect(row).toBeTruthy();
  return { visit: row!, messageId: form.messageId, answer };
}

/** Every pending approver, in turn, presses 同意 on their newest card. */
export async function approveChain(h: Harness, approvers: string[]) {
  for (const who of approvers) {
    const c = lastCardTo(h, who);
    const a = await click(h, who, c.messageId, button(c.content, 'approval.decide', { d: 'approve' }));
    expect(a.toast?.type, `${who}: ${a.toast?.content}`).toBe('success');
  }
}

export const visitRow = async (h: Harness, id: string) => (await h.db.db.select().from(visits).where(eq(visits.id, id)))[0]!;
export const dutiesOf = (h: Harness, id: string) => h.db.db.select().from(obligations).where(eq(obligations.subjectId, id));
export const claimsOf = (h: Harness, id: string) => h.db.db.select().from(reimbursements).where(eq(reimbursements.subjectId, id));

/** An image or file message (a receipt) from `who` in the direct chat. */
export async function sendAttachment(h: Harness, who: string, type: 'image' | 'file', content: Record<string, unknown>) {
  const event = h.sender.messageEvent(who, type === 'image' ? '[图片]' : '[文件]');
  const message = event.message as Record<string, unknown>;
  message.message_type = type;
  message.content = JSON.stringify(content);
  const d = await h.sender.deliver('im.message.receive_v1', event);
  expect(d.status).toBe(200);
  await h.settle();
}

/** A customer of `who` and an approved visit to it (with a budget: manager → director → finance). */
export async function approvedVisit(h: Harness, who: string, name: string, values: Record<string, unknown> = PLAN_VALUES) {
  await customerWithContacts(h, who, name);
  const planned = await planVisit(h, who, name, values);
  await approveChain(h, ['ou_manager', 'ou_director', 'ou_finance']);
  expect((await visitRow(h, planned.visit.id)).status).toBe('approved');
  return planned;
}
