/** Helpers for the deadlines integration tests: run ticks at company-zone wall times, read digests. */
import { tick } from '../../src/scheduler/tick.js';
import { atZonedYmd } from '../../src/domain/time.js';
import type { Harness } from '../support/harness.js';

export const TZ = 'Asia/Shanghai';

type CardJson = { header?: { title?: { content?: string } }; body?: { elements?: unknown[] } };

export const titleOf = (m: { content: unknown }): string => (m.content as CardJson).header?.title?.content ?? '';

/** Sets the clock to a Shanghai wall time and runs one tick, then delivers what it wrote. */
export async function tickAt(h: Harness, day: string, hhmm: string): Promise<void> {
  const [hh, mm] = hhmm.split(':').map(Number) as [number, number];
  h.clock.set(atZonedYmd(day, TZ, hh, mm));
  await tick(h.deps, h.clock.now());
  await h.settle();
}

export function* days(from: string, to: string): Generator<string> {
  for (let d = new Date(`${from}T00:00:00Z`); d <= new Date(`${to}T00:00:00Z`); d.setUTCDate(d.getUTCDate() + 1)) {
    yield d.toISOString().slice(0, 10);
  }
}

/** Every button value (k, …) anywhere in a card. */
export function buttons(card: unknown): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  const walk = (el: unknown) => {
    if (!el || typeof el !== 'object') return;
    const o = el as Record<string, unknown>;
    if (o.tag === 'button' && Array.isArray(o.behaviors)) {
      const b = o.behaviors[0] as { value?: Record<string, unknown> } | undefined;
      if (b?.value) out.push(b.value);
    }
    for (const v of Object.values(o)) if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object') walk(v);
  };
  walk(card);
  return out;
}

export const buttonOf = (card: unknown, k: string): Record<string, unknown> => {
  const b = buttons(card).find((v) => v.k === k);
  if (!b) throw new Error(`no ${k} button on the card`);
  return b;
};

/** The card's markdown text (zh), for content checks. */
export function textOf(card: unknown): string {
  return JSON.stringify(card);
}

/** Digests (the reminder card) sent since index `from`, as "recipient" entries. */
export function digestsSince(h: Harness, from: number) {
  return h.lark
    .sent()
    .slice(from)
    .filter((m) => m.msgType === 'interactive' && titleOf(m) === '待办提醒')
    .map((m) => ({ to: m.receiverOpenId, card: m.content, messageId: m.messageId }));
}
