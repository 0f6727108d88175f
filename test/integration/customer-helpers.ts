/** Steps shared by the customer integration tests: say something, find the newest card, click it. */
import { eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { customers } from '../../db/schema/index.js';
import type { FakeMessage } from '../../src/sandbox/fake-lark.js';
import type { Harness } from '../support/harness.js';
import { button, cardsTo, click, textsTo, type CardAnswer } from './approval-helpers.js';

export { button, cardsTo, click, textsTo, type CardAnswer };

export async function say(h: Harness, who: string, text: string, o: Parameters<Harness['sender']['message']>[2] = {}): Promise<FakeMessage[]> {
  const before = h.lark.sent().length;
  const d = await h.sender.message(who, text, o);
  expect(d.status).toBe(200);
  await h.settle();
  return h.lark.sent().slice(before);
}

export const cardOf = (m: FakeMessage | undefined): Record<string, unknown> => {
  expect(m, 'a card message').toBeTruthy();
  expect(m!.msgType).toBe('interactive');
  return m!.content as Record<string, unknown>;
};

export const json = (x: unknown): string => JSON.stringify(x);

/** Creates a customer owned by `who` through chat and returns its row. */
export async function newCustomer(h: Harness, who: string, name: string) {
  await say(h, who, `新客户 ${name}`);
  const [row] = await h.db.db.select().from(customers).where(eq(customers.name, name));
  expect(row, `customer ${name} created`).toBeTruthy();
  return row!;
}

export async function customerRow(h: Harness, id: string) {
  const [row] = await h.db.db.select().from(customers).where(eq(customers.id, id));
  return row!;
}

/** The newest archive card sent to `who` (a recorded copy), with its message id. */
export function lastArchive(h: Harness, who: string): { messageId: string; card: Record<string, unknown> } {
  const m = cardsTo(h, who).filter((c) => json(c.content).includes('customer.edit') || json(c.content).includes('档案完整度')).at(-1);
  expect(m, `an archive card to ${who}`).toBeTruthy();
  const latest = h.lark.messages.get(m!.messageId)!;
  return { messageId: m!.messageId, card: latest.content as Record<string, unknown> };
}

/** Records a transaction, complaint or question (`r`) on `name`'s archive card, by its form, as `who`. */
export async function recordOnArchive(h: Harness, who: string, name: string, r: string, values: Record<string, unknown>): Promise<void> {
  await say(h, who, `客户 ${name}`);
  const { messageId, card } = lastArchive(h, who);
  const form = await click(h, who, messageId, button(card, 'customer.record', { r }));
  const ok = await click(h, who, messageId, button(form.card!.data, 'customer.record.save'), values);
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
}
