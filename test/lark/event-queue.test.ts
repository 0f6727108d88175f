import { describe, expect, it } from 'vitest';
import { eventQueue } from '../../src/lark/event-queue.js';
import type { ArrivedEvent } from '../../src/lark/envelope.js';

const tick = () => new Promise<void>((r) => setImmediate(r));
const ev = (id: string, orderKey?: string): ArrivedEvent => ({ eventId: id, eventType: 'im.message.receive_v1', event: {}, orderKey });

/** A run that records each batch and finishes only when told to, so the test sees what overlaps. */
function recorder() {
  const batches: string[][] = [];
  const open = new Set<string>();
  let mostAtOnce = 0;
  const release: (() => void)[] = [];
  const run = async (events: ArrivedEvent[]) => {
    const ids = events.map((e) => e.eventId);
    batches.push(ids);
    for (const id of ids) open.add(id);
    mostAtOnce = Math.max(mostAtOnce, batches.length - release.length);
    await new Promise<void>((r) => release.push(r));
    for (const id of ids) open.delete(id);
  };
  return { run, batches, open, release, get mostAtOnce() { return mostAtOnce; } };
}

describe('event queue lanes', () => {
  it('handles different people at once and one person strictly in order, one batch at a time', async () => {
    const r = recorder();
    const queue = eventQueue(r.run, (t) => void t(), { lanes: 4 });
    // Three people (their keys spread over distinct lanes for 4 lanes), each with messages in order.
    const people = ['ou_zhangwei', 'ou_lina', 'ou_wangfang'];
    for (const p of people) queue.push(ev(`${p}#1`, p));
    await tick();
    // Each person's first message is being handled, all at once.
    expect(r.batches.length).toBeGreaterThan(1);
    const inFlight = r.batches.length;
    // More from the same people while their lanes are busy: they wait for their own lane.
    for (const p of people) queue.push(ev(`${p}#2`, p));
    for (const p of people) queue.push(ev(`${p}#3`, p));
    await tick();
    expect(r.batches.length).toBe(inFlight);
    while (r.release.length) {
      r.release.shift()!();
      await tick();
      await tick();
    }
    await queue.idle();
    for (const p of people) {
      const order = r.batches.flat().filter((id) => id.startsWith(`${p}#`));
      expect(order).toEqual([`${p}#1`, `${p}#2`, `${p}#3`]);
    }
    // A person's later messages arrived together: one batch, after their first.
    expect(r.batches.filter((b) => b.some((id) => id.endsWith('#2')))).toHaveLength(inFlight);
  });

  it('with one lane, everything is one batch at a time even when pushed in one go', async () => {
    const r = recorder();
    const queue = eventQueue(r.run, (t) => void t(), { lanes: 1 });
    for (let i = 0; i < 10; i++) queue.push(ev(`evt_${i}`, `ou_${i}`));
    await tick();
    expect(r.batches).toHaveLength(1);
    r.release.shift()!();
    await queue.idle();
    expect(r.batches.flat()).toHaveLength(10);
    expect(r.mostAtOnce).toBe(1);
  });

  it('bounds what waits over all lanes; the rest is left to the sweep', async () => {
    const r = recorder();
    const queue = eventQueue(r.run, (t) => void t(), { lanes: 3, maxQueued: 5 });
    const accepted = Array.from({ length: 8 }, (_, i) => queue.push(ev(`evt_${i}`, `ou_${i}`)));
    expect(accepted.filter(Boolean)).toHaveLength(5);
    await tick();
    while (r.release.length) {
      r.release.shift()!();
      await tick();
    }
    await queue.idle();
    expect(r.batches.flat().sort()).toEqual(['evt_0', 'evt_1', 'evt_2', 'evt_3', 'evt_4']);
  });

  it('events without a key share one order', async () => {
    const r = recorder();
    const queue = eventQueue(r.run, (t) => void t(), { lanes: 4 });
    queue.push(ev('evt_a'));
    await tick();
    queue.push(ev('evt_b'));
    queue.push(ev('evt_c'));
    await tick();
    expect(r.batches).toEqual([['evt_a']]);
    r.release.shift()!();
    await tick();
    await tick();
    expect(r.batches).toEqual([['evt_a'], ['evt_b', 'evt_c']]);
    r.release.shift()!();
    await queue.idle();
  });

  it('a failing batch does not stop its lane', async () => {
    const seen: string[] = [];
    const queue = eventQueue(async (events) => {
      seen.push(...events.map((e) => e.eventId));
      if (events.some((e) => e.eventId === 'evt_bad')) throw new Error('唯一约束冲突');
    }, (t) => void t(), { lanes: 2 });
    queue.push(ev('evt_bad', 'ou_a'));
    await tick();
    queue.push(ev('evt_next', 'ou_a'));
    await queue.idle();
    expect(seen).toEqual(['evt_bad', 'evt_next']);
  });
});
