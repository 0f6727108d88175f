/**
 * Events stored but not handled (a crash, a restart, a burst past the in-process queue) are
 * handled by the sweep; a handler that fails is recorded and retried, never silently dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { inboundEvents } from '../../db/schema/index.js';
import { storeEvent, sweepInbound, SWEEP_GRACE_MS, eventEntry, type EventHandlers } from '../../src/lark/inbound.js';
import { z } from 'zod';
import { EVENT_HANDLERS } from '../../src/runtime/handlers.js';
import { describeMessage, startHarness, type Harness } from '../support/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

const row = async (id: string) => (await h.db.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, id)))[0]!;

describe('the sweep', () => {
  it('handles an event that was stored but never processed, once it has waited past the grace period', async () => {
    const before = h.lark.sent().length;
    const event = h.sender.messageEvent('ou_spec1', '团队');
    await storeEvent(h.db.db, { eventId: 'evt-orphan', eventType: 'im.message.receive_v1', token: undefined, event }, 'event', h.clock.now());
    expect(await sweepInbound(h.deps, EVENT_HANDLERS)).toBe(0); // fresh: the storing instance's queue has it
    h.clock.advance(SWEEP_GRACE_MS + 1000);
    expect(await sweepInbound(h.deps, EVENT_HANDLERS)).toBe(1);
    await h.settle();
    expect(describeMessage(h.lark.sent().slice(before)[0]!)).toContain('大客户部成员');
    expect(await row('evt-orphan')).toMatchObject({ status: 'done', attempts: 1 });
    expect(await sweepInbound(h.deps, EVENT_HANDLERS)).toBe(0);
  });

  it('records a failing handler, retries it with backoff, and marks it dead after the last attempt', async () => {
    let calls = 0;
    const flaky: EventHandlers = {
      'test.flaky': eventEntry({
        schema: z.unknown(),
        handle: async () => {
          calls++;
          throw new Error(`boom ${calls}`);
        },
      }),
    };
    await storeEvent(h.db.db, { eventId: 'evt-flaky', eventType: 'test.flaky', token: undefined, event: {} }, 'event', h.clock.now());
    h.clock.advance(SWEEP_GRACE_MS + 1000);
    await sweepInbound(h.deps, flaky);
    expect(await row('evt-flaky')).toMatchObject({ status: 'failed', attempts: 1, lastError: 'boom 1' });
    await sweepInbound(h.deps, flaky); // not due yet: backoff
    expect(calls).toBe(1);
    for (let i = 0; i < 10; i++) {
      h.clock.advance(31 * 60_000);
      await sweepInbound(h.deps, flaky);
    }
    expect(await row('evt-flaky')).toMatchObject({ status: 'dead', attempts: 6, lastError: 'boom 6' });
    expect(calls).toBe(6);
    expect(h.log.lines.some((l) => l.event === 'event.dead' && l.eventId === 'evt-flaky')).toBe(true);
    await h.settle();
    const alerts = h.lark.sent().filter((m) => m.receiverOpenId === 'ou_admin' && describeMessage(m).includes('evt-flaky'));
    expect(alerts).toHaveLength(1);
  });
});
