/**
 * What the fake Lark checks before it accepts a message (lark.md §4.2, §3.6): the content is a
 * JSON string of the right shape and size, cards obey the 2.0 rules, and senders stay within
 * Lark's per-API and per-receiver rates. Pure apart from the rate window's own memory.
 */
import { CARD_MAX_BYTES, validateCard } from '../../cards/validate.js';

export type LarkRefusal = {
  code: number;
  msg: string;
};

/**
 * Why Lark would refuse this card, or null. Over 30 KB is 230025 ("the message body length
 * exceeds the limit", what Feishu answers a send, reply or patch with; larksuite/cli#2407),
 * checked first as Lark does; a card breaking the 2.0 rules is 230099 ("Failed to create card
 * content", openclaw-lark#53).
 */
export function checkCard(card: unknown, bytes = new TextEncoder().encode(JSON.stringify(card)).length): LarkRefusal | null {
  if (bytes > CARD_MAX_BYTES) return { code: 230025, msg: `The message body length exceeds the limit: card content over 30 KB (${bytes} bytes)` };
  const problems = validateCard(card);
  if (problems.length) return { code: 230099, msg: `Failed to create card content: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}` };
  return null;
}

/** Why Lark would refuse this `content` for this `msg_type`, or null when it would take it. */
export function checkMessageContent(msgType: string, content: unknown): LarkRefusal | null {
  if (typeof content !== 'string') return { code: 230001, msg: 'content must be a JSON string' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return { code: 230001, msg: 'content is not valid JSON' };
  }
  const bytes = new TextEncoder().encode(content).length;
  if (msgType === 'interactive') {
    const refused = checkCard(parsed, bytes);
    if (refused) return refused;
  } else if (msgType === 'text') {
    if (typeof (parsed as { text?: unknown }).text !== 'string') return { code: 230001, msg: 'text content needs "text"' };
    if (bytes > 150 * 1024) return { code: 230025, msg: 'text over 150 KB' };
  } else if (msgType === 'file') {
    // The name shown is the upload's file_name; the content is the key alone (lark-more.md §2.2).
    if (typeof (parsed as { file_key?: unknown }).file_key !== 'string') return { code: 230001, msg: 'file content needs "file_key"' };
  } else if (msgType !== 'post') {
    return { code: 230001, msg: `msg_type ${msgType} not supported by the fake` };
  }
  return null;
}

/** Requests per key over a sliding second of real time (5/s per receiver, 50/s per API). */
export class SlidingWindow {
  readonly #windows = new Map<string, number[]>();

  constructor(readonly enabled = true) {}

  /** Counts one request for `key`; true when it is over `limit` (and then it is not counted). */
  over(key: string, limit: number): boolean {
    if (!this.enabled) return false;
    const now = Date.now();
    const list = (this.#windows.get(key) ?? []).filter((t) => t > now - 1000);
    const over = list.length >= limit;
    if (!over) list.push(now);
    this.#windows.set(key, list);
    return over;
  }
}
