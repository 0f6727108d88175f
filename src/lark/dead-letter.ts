/**
 * An event given up after its last retry. Someone may be waiting for an answer that will now
 * never come, so they are told (in their language) and the admins are alerted — in the same
 * transaction that marks the event dead, so both happen once, however often the failure repeats.
 */
import { sql } from 'drizzle-orm';
import { rows, type Tx } from '../../db/client.js';
import type { Deps } from '../app/deps.js';
import { MessageReceiveEvent } from './envelope.js';
import { enqueueReply, enqueueSend } from '../app/outbox.js';
import { storableText } from './payload.js';
import { i18n, pick } from '../domain/i18n.js';
import { adminRecipients } from '../app/admins.js';
import { getMember } from '../app/roster.js';

export const DEAD_LETTER_REPLY = i18n('消息未能处理，请重试或联系管理员。', 'Your message could not be processed. Please try again or contact an administrator.');

/** Who sent an event and waits for its answer, and where to answer: none for events nobody typed. */
export function personWaiting(eventType: string, event: Record<string, unknown>): { openId: string; replyTo: string | null; chatId?: string } | null {
  if (eventType === 'im.message.receive_v1') {
    const m = MessageReceiveEvent.safeParse(event);
    const openId = m.success && m.data.sender.sender_type === 'user' ? m.data.sender.sender_id.open_id : undefined;
    if (!m.success || !openId) return null;
    // In a group the answer goes under the message, as every answer there does.
    return { openId, replyTo: m.data.message.chat_type === 'p2p' ? null : m.data.message.message_id, chatId: m.data.message.chat_id };
  }
  if (eventType === 'application.bot.menu_v6') {
    const openId = (event.operator as { operator_id?: { open_id?: unknown } } | undefined)?.operator_id?.open_id;
    return typeof openId === 'string' && openId ? { openId, replyTo: null } : null;
  }
  return null;
}

/**
 * Marks the event dead and sends the reply and the alert; false when it was already dead (the
 * failure path ran twice), so nothing is sent again. `error` is a log-safe description.
 */
export async function deadLetter(deps: Deps, tx: Tx, o: { eventId: string; attempts: number; error: string; now: Date; payload?: Record<string, unknown> }): Promise<boolean> {
  const [row] = await rows<{ event_type: string; payload: Record<string, unknown> | null }>(
    tx,
    sql`update inbound_events set status = 'dead', locked_until = null, last_error = ${storableText(o.error).slice(0, 2000)}, next_attempt_at = ${o.now.toISOString()}::timestamptz
        where event_id = ${o.eventId} and status <> 'dead'
        returning event_type, ${o.payload ? sql`null::json` : sql`payload`} as payload`,
  );
  if (!row) return false;
  const person = personWaiting(row.event_type, o.payload ?? row.payload ?? {});
  if (person) {
    const member = await getMember(tx, person.openId);
    // Someone not on the roster has no known language: both, Chinese first.
    const text = member ? pick(DEAD_LETTER_REPLY, member.locale) : `${DEAD_LETTER_REPLY.zh_cn}\n${DEAD_LETTER_REPLY.en_us}`;
    if (person.replyTo) await enqueueReply({ tx, deps }, person.replyTo, { text }, person.chatId ? { chatId: person.chatId } : {});
    else await enqueueSend({ tx, deps }, { openId: person.openId }, { text });
  }
  const who = person ? `\n${person.openId}` : '';
  for (const openId of await adminRecipients(tx, deps.config.admins)) {
    await enqueueSend({ tx, deps }, { openId }, {
      text: `⚠️ 一条飞书事件多次处理失败，已停止重试${person ? '，已告知发送人' : ''} / An event failed ${o.attempts} times and was given up${person ? '; the sender was told' : ''}\n${o.eventId} (${row.event_type})${who}\n${storableText(o.error).slice(0, 300)}`,
    });
  }
  return true;
}
