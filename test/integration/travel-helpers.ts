/** Steps shared by the travel tests: file and approve a trip through the cards, send a location, read rows. */
import { and, asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { obligations, smallRequests, trips } from '../../db/schema/index.js';
import { describeMessage, type Harness } from '../support/harness.js';
import { button, click, lastCardTo, textsTo } from './approval-helpers.js';
import { tickAt } from './deadlines-helpers.js';

export { textsTo, tickAt };

/** `who` files a travel request from the /apply card; the manager approves it. Returns the trip. */
export async function approvedTrip(h: Harness, who: string, from: string, to: string, destinations: string) {
  await h.sender.message(who, '申请');
  await h.settle();
  const picker = lastCardTo(h, who);
  expect(describeMessage(picker)).toContain('发起申请');
  const form = await click(h, who, picker.messageId, button(picker.content, 'request.form', { kind: 'travel' }));
  const ok = await click(h, who, picker.messageId, button(form.card!.data, 'request.submit'), {
    destinations,
    from: `${from} +0800`,
    to: `${to} +0800`,
    purpose: '拜访客户',
  });
  expect(ok.toast!.type).toBe('success');
  const card = lastCardTo(h, 'ou_manager');
  const r = await click(h, 'ou_manager', card.messageId, button(card.content, 'approval.decide', { d: 'approve' }));
  expect(r.toast!.type).toBe('success');
  const req = (await h.db.db.select().from(smallRequests).where(eq(smallRequests.requesterId, who)).orderBy(asc(smallRequests.createdAt))).at(-1);
  const [trip] = await h.db.db.select().from(trips).where(eq(trips.requestId, req!.id));
  expect(trip).toBeTruthy();
  return trip!;
}

/** A Lark location message from `who` in the direct chat. */
export async function sendLocation(h: Harness, who: string, content: Record<string, unknown>) {
  const event = h.sender.messageEvent(who, '[位置]');
  const message = event.message as Record<string, unknown>;
  message.message_type = 'location';
  message.content = JSON.stringify(content);
  const d = await h.sender.deliver('im.message.receive_v1', event);
  expect(d.status).toBe(200);
  await h.settle();
}

export async function say(h: Harness, who: string, text: string) {
  const d = await h.sender.message(who, text);
  expect(d.status).toBe(200);
  await h.settle();
}

export const checkinObligations = (h: Harness, ownerId: string) =>
  h.db.db
    .select()
    .from(obligations)
    .where(and(eq(obligations.kind, 'trip_checkin'), eq(obligations.ownerId, ownerId)))
    .orderBy(asc(obligations.dueAt));
