import { describe, expect, it } from 'vitest';
import { foreground } from '../../src/lark/foreground.js';
import { eventQueue } from '../../src/lark/event-queue.js';
import type { ArrivedEvent } from '../../src/lark/envelope.js';

const tick = () => new Promise<void>((r) => setImmediate(r));

describe('foreground: clicks and acks before drains and handling', () => {
  it('holds background work while a click runs, and lets it go once the click has answered', async () => {
    const fg = foreground({ maxWaitMs: 10_000 });
    const order: string[] = [];
    let answer!: () => void;
    const click = fg.run(() => new Promise<void>((r) => (answer = r)).then(() => void order.push('click answered')));
    const drain = fg.quiet().then(() => void order.push('drain step'));
    await tick();
    await tick();
    expect(order).toEqual([]);
    expect(fg.busy).toBe(1);
    answer();
    await click;
    await drain;
    expect(order).toEqual(['click answered', 'drain step']);
    expect(fg.busy).toBe(0);
  });

  it('a click that fails still lets the background go', async () => {
    const fg = foreground({ maxWaitMs: 10_000 });
    await expect(fg.run(() => Promise.reject(new Error('数据库不可用')))).rejects.toThrow('数据库不可用');
    await fg.quiet();
    expect(fg.busy).toBe(0);
  });

  it('never holds the background longer than maxWaitMs under a steady stream of clicks', async () => {
    const fg = foreground({ maxWaitMs: 20 });
    let stop!: () => void;
    const endless = fg.run(() => new Promise<void>((r) => (stop = r)));
    const t0 = performance.now();
    await fg.quiet();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(15);
    stop();
    await endless;
  });

  it('a handling batch waits while an ack is being stored, and takes what arrived meanwhile in the same batch', async () => {
    const fg = foreground({ maxWaitMs: 10_000 });
    const batches: string[][] = [];
    const queue = eventQueue(async (events) => void batches.push(events.map((e) => (e as { eventId: string }).eventId)), (t) => void t(), { yieldTo: fg.quiet });
    let stored!: () => void;
    const ack = fg.run(() => new Promise<void>((r) => (stored = r)));
    const ev = (id: string) => ({ eventId: id }) as unknown as ArrivedEvent;
    queue.push(ev('evt_客户查询_1'));
    await tick();
    queue.push(ev('evt_客户查询_2'));
    await tick();
    expect(batches).toEqual([]);
    stored();
    await ack;
    await queue.idle();
    expect(batches).toEqual([['evt_客户查询_1', 'evt_客户查询_2']]);
  });
});
