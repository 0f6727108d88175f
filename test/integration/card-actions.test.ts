/**
 * The card-action registry (issue 16): every kind's value is checked once by the callback, so a
 * tampered value gets the one shared toast and nothing runs; two actions claiming one kind stop
 * the start; and a click reads the roster once, whatever the action does with it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eq } from 'drizzle-orm';
import { z } from 'zod';
import { approvalAudit, approvalRequests, auditLog, inboundEvents, outbox } from '../../db/schema/index.js';
import { cardAction, distinctKinds, TAMPERED, toast } from '../../src/app/card-handler.js';
import { CARD_ACTIONS } from '../../src/runtime/handlers.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, lastCardTo, requestRow, submitVisitPlan } from './approval-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h?.close());

type Json = Record<string, unknown>;

async function counts() {
  const db = h.db.db;
  const n = async (t: typeof outbox | typeof auditLog | typeof approvalAudit) => (await db.select({ n: count() }).from(t))[0]!.n;
  return { outbox: await n(outbox), audit: await n(auditLog), approvalAudit: await n(approvalAudit) };
}

describe('a tampered button value', () => {
  it('gets the one shared toast for every kind, and changes nothing', async () => {
    const requestId = await submitVisitPlan(h);
    const card = lastCardTo(h, 'ou_manager');
    const approve = button(h.lark.messages.get(card.messageId)!.content, 'approval.decide', { d: 'approve' });
    const before = await counts();
    const version = (await requestRow(h, requestId)).version;

    // Each stays inside the envelope (so it reaches its action) but breaks that action's schema.
    const tampered: Json[] = [
      { ...approve, d: 'fire' },
      { ...approve, s: 'first' },
      { v: 1, k: 'approval.withdraw', r: requestId },
      { v: 1, k: 'approval.resubmit', r: requestId, ver: -1 },
      { v: 1, k: 'approval.list', l: 'everyone', p: 0 },
      { v: 1, k: 'customer.open', c: '' },
      { v: 1, k: 'visit.reschedule.save', vi: true, ver: 1 },
      { v: 1, k: 'visit.plan', c: null },
      { v: 1, k: 'reception.cancel.save', s: 'r1', ver: 'late' },
      { v: 1, k: 'reimb.resubmit', r: 'x' },
      { v: 1, k: 'report.review', r: 'abc', a: 'return' },
      { v: 1, k: 'report.confirm', d: 0 },
      { v: 1, k: 'draft.confirm', d: 'draft' },
      { v: 1, k: 'trip.shorten', t: null },
      { v: 1, k: 'duty.close', o: true },
      { v: 1, k: 'target.list', p: 20261 },
      { v: 1, k: 'request.submit', kind: 'yacht' },
      { v: 1, k: 'progress.submit', o: 'seven' },
    ];
    for (const value of tampered) {
      expect(CARD_ACTIONS.has(value.k as string), `${value.k} is registered`).toBe(true);
      const r = await h.sender.cardAction('ou_manager', card.messageId, value, { formValue: { comment: 'x', reason: 'y' } });
      expect(r.status).toBe(200);
      expect(r.body, JSON.stringify(value)).toEqual(toast('warning', TAMPERED));
      const [row] = await h.db.db.select().from(inboundEvents).where(eq(inboundEvents.eventId, r.eventId));
      expect(row?.status).toBe('done');
    }
    await h.settle();
    expect(await counts()).toEqual(before);
    expect((await requestRow(h, requestId)).version).toBe(version);
    expect(TAMPERED.zh_cn).toMatch(/未做任何更改/);
    expect(TAMPERED.en_us).toMatch(/nothing was changed/);

    // The untampered value still works: the check refuses only what its card could not have sent.
    const ok = await h.sender.cardAction('ou_manager', card.messageId, approve);
    expect((ok.body as { toast: { type: string } }).toast.type).toBe('success');
  });
});

describe('the registry', () => {
  const noValue = z.object({});
  const run = async () => ({});

  it('refuses, at start, two actions with one kind (an alias counts)', () => {
    expect(() => distinctKinds([cardAction('x.open', noValue, run), cardAction('x.open', noValue, run)])).toThrow(/"x\.open" is claimed twice/);
    expect(() => distinctKinds([cardAction('x.open', noValue, run), cardAction('x.act', noValue, run, { aliases: ['x.open'] })])).toThrow(/"x\.open"/);
    expect(() => distinctKinds([...new Set(CARD_ACTIONS.values()), cardAction('visit.plan', noValue, run)])).toThrow(/"visit\.plan"/);
    expect(distinctKinds([cardAction('x.open', noValue, run), cardAction('x.act', noValue, run, { aliases: ['x.undo'] })]).size).toBe(3);
  });

  it('as wired has one action per kind, the approval verbs sharing one act', () => {
    expect(CARD_ACTIONS.size).toBeGreaterThanOrEqual(81);
    const act = CARD_ACTIONS.get('approval.decide');
    expect(CARD_ACTIONS.get('approval.withdraw')).toBe(act);
    expect(CARD_ACTIONS.get('approval.resubmit')).toBe(act);
    expect(CARD_ACTIONS.get('approval.open')).not.toBe(act);
  });
});

describe('one click', () => {
  it.skipIf(Boolean(process.env.TEST_DATABASE_URL))('reads the roster once, however many rules and cards it touches', async () => {
    const client = (h.db as unknown as { client?: { query: (sql: string, ...a: unknown[]) => unknown; transaction: (fn: (tx: unknown) => unknown) => unknown } }).client!;
    const seen: string[] = [];
    const wrap = <T extends { query: (sql: string, ...a: unknown[]) => unknown }>(o: T): T => {
      const query = o.query.bind(o);
      o.query = (sql: string, ...a: unknown[]) => (seen.push(sql), query(sql, ...a));
      return o;
    };
    const query = client.query;
    const transaction = client.transaction;
    wrap(client);
    client.transaction = (fn) => transaction.call(client, (tx: unknown) => fn(wrap(tx as { query: (sql: string) => unknown })));
    try {
      const requestId = await submitVisitPlan(h);
      const card = lastCardTo(h, 'ou_manager');
      const approve = button(h.lark.messages.get(card.messageId)!.content, 'approval.decide', { d: 'approve' });
      // As bench/card.ts probes it: no drain kicked meanwhile, so every statement counted is the click's.
      const kick = h.deps.kickOutbox;
      h.deps.kickOutbox = () => {};
      seen.length = 0;
      const r = await h.sender.cardAction('ou_manager', card.messageId, approve).finally(() => (h.deps.kickOutbox = kick));
      expect((r.body as { toast: { type: string } }).toast.type).toBe('success');
      expect((await h.db.db.select().from(approvalRequests).where(eq(approvalRequests.id, requestId)))[0]!.version).toBeGreaterThan(0);
      expect(seen.filter((sql) => /from "members"/i.test(sql))).toHaveLength(1);
    } finally {
      client.query = query;
      client.transaction = transaction;
    }
  });
});
