import { describe, expect, it } from 'vitest';
import { RateLimiter, WINDOW_MS } from '../../src/lark/rate-limit.js';
import { maxInWindow } from '../support/windows.js';

/** Time moved by hand: timers run when the clock passes them. */
function manualTime() {
  let now = 1_000_000;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    nowMs: () => now,
    after: (ms: number, fn: () => void) => void timers.push({ at: now + ms, fn }),
    async advance(ms: number) {
      const until = now + ms;
      for (;;) {
        await new Promise((r) => setImmediate(r));
        timers.sort((a, b) => a.at - b.at);
        const next = timers[0];
        if (!next || next.at > until) break;
        timers.shift();
        now = Math.max(now, next.at);
        next.fn();
      }
      now = until;
      await new Promise((r) => setImmediate(r));
    },
  };
}

describe('RateLimiter', () => {
  it('counts a call until a window after its answer: slow answers never let arrivals bunch', async () => {
    const t = manualTime();
    const limiter = new RateLimiter({ perApiPerSecond: 50, perReceiverPerSecond: 5, ...t });
    // Each call "arrives" at Lark at a random moment between dispatch and answer.
    const arrivals: number[] = [];
    let rnd = 7;
    const random = () => ((rnd = (rnd * 48271) % 2147483647) / 2147483647);
    const calls = Array.from({ length: 40 }, async () => {
      const done = await limiter.acquire('im.message.create', 'ou_busy');
      const latency = Math.floor(random() * 900);
      const arriveAfter = Math.floor(random() * latency);
      const start = t.nowMs();
      await new Promise<void>((r) => t.after(latency, r));
      arrivals.push(start + arriveAfter);
      done();
    });
    for (let i = 0; i < 200 && arrivals.length < 40; i++) await t.advance(100);
    await Promise.all(calls);
    expect(arrivals).toHaveLength(40);
    expect(maxInWindow(arrivals)).toBeLessThanOrEqual(5);
  });

  it('keeps one API under 50 a second across receivers', async () => {
    const t = manualTime();
    const limiter = new RateLimiter({ ...t });
    const dispatched: number[] = [];
    const calls = Array.from({ length: 160 }, async (_, i) => {
      const done = await limiter.acquire('im.message.create', `ou_${i}`);
      dispatched.push(t.nowMs());
      await new Promise<void>((r) => t.after(20, r));
      done();
    });
    for (let i = 0; i < 100 && dispatched.length < 160; i++) await t.advance(100);
    await Promise.all(calls);
    expect(maxInWindow(dispatched)).toBeLessThanOrEqual(50);
    // Still close to the limit: the margin costs little throughput.
    expect(dispatched.at(-1)! - dispatched[0]!).toBeLessThan(4 * (WINDOW_MS + 20));
  });

  it('a pause holds back the calls already waiting, not just the next one', async () => {
    const t = manualTime();
    const limiter = new RateLimiter({ perApiPerSecond: 2, ...t });
    const granted: number[] = [];
    const take = async () => {
      const done = await limiter.acquire('im.message.create');
      granted.push(t.nowMs());
      done();
    };
    await Promise.all([take(), take()]);
    const waiting = [take(), take(), take()];
    await t.advance(10);
    expect(limiter.waiting).toBe(3);
    const pausedAt = t.nowMs();
    limiter.pause('im.message.create', pausedAt + 5_000);
    await t.advance(4_999);
    expect(granted).toHaveLength(2);
    await t.advance(10 + WINDOW_MS);
    await Promise.all(waiting);
    expect(granted.slice(2).every((g) => g >= pausedAt + 5_000)).toBe(true);
  });

  it('another receiver is not held up by a busy one', async () => {
    const t = manualTime();
    const limiter = new RateLimiter({ perReceiverPerSecond: 1, ...t });
    const order: string[] = [];
    const take = async (rcv: string) => {
      const done = await limiter.acquire('im.message.create', rcv);
      order.push(rcv);
      done();
    };
    const all = [take('ou_a'), take('ou_a'), take('ou_b')];
    await t.advance(1);
    expect(order).toEqual(['ou_a', 'ou_b']);
    await t.advance(WINDOW_MS);
    await Promise.all(all);
    expect(order).toEqual(['ou_a', 'ou_b', 'ou_a']);
  });

  it('a snapshot hands the last second and the pauses to the next drainer', async () => {
    const t = manualTime();
    const first = new RateLimiter({ perReceiverPerSecond: 5, ...t });
    for (let i = 0; i < 5; i++) (await first.acquire('im.message.create', 'ou_x'))();
    first.pause('im.message.reply', t.nowMs() + 3_000);
    const snap = JSON.parse(JSON.stringify(first.snapshot()));

    const next = new RateLimiter({ perReceiverPerSecond: 5, ...t });
    next.restore(snap, 200);
    let granted = 0;
    const p = next.acquire('im.message.create', 'ou_x').then((done) => (granted++, done()));
    const r = next.acquire('im.message.reply').then((done) => (granted++, done()));
    await t.advance(WINDOW_MS - 200 - 10);
    expect(granted).toBe(0);
    await t.advance(20);
    await p;
    expect(granted).toBe(1);
    await t.advance(3_000 - WINDOW_MS);
    await r;
    expect(granted).toBe(2);
  });
});
