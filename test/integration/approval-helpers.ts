/** Shared steps for the approval integration tests: submit a chain, find cards and buttons, read the DB. */
import { asc, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import { approvalAudit, approvalRequests, approvalSteps, cardMessages } from '../../db/schema/index.js';
import { submitRequest } from '../../src/app/approval/submit.js';
import { getMember } from '../../src/app/roster.js';
import { i18n } from '../../src/domain/i18n.js';
import type { FakeMessage } from '../../src/sandbox/fake-lark.js';
import { ROSTER, type Harness } from '../support/harness.js';

export const ROSTER_2 = [...ROSTER, { openId: 'ou_manager2', name: '冯经理', role: 'manager' as const, managerId: 'ou_director', locale: 'zh_cn' as const }];

/** A visit plan with a budget: manager → director → finance (the visit feature's UI does not exist yet). */
export async function submitVisitPlan(h: Harness, requesterId = 'ou_spec1', hasBudget = true): Promise<string> {
  const requester = (await getMember(h.db.db, requesterId))!;
  const { requestId } = await h.db.db.transaction((tx) =>
    submitRequest(
      tx,
      {
        kind: 'visit_plan',
        subjectType: 'visit',
        subjectId: `visit-${Math.random().toString(36).slice(2, 8)}`,
        requester,
        fields: [
          { label: i18n('客户', 'Customer'), value: '华东电网' },
          { label: i18n('预算', 'Budget'), value: '¥12,000.00' },
        ],
        summary: i18n('华东电网 · 12月3日 · ¥12,000.00', 'East China Grid · 3 Dec · ¥12,000.00'),
        hasBudget,
      },
      { deps: h.deps, now: h.clock.now() },
    ),
  );
  await h.settle();
  return requestId;
}

type Json = Record<string, unknown>;

/** Every callback value of every button in a card, in order. */
export function buttonValues(card: unknown): Json[] {
  const out: Json[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Json;
    if (o.tag === 'button') {
      const b = (o.behaviors as { value: Json }[] | undefined)?.[0]?.value;
      if (b) out.push(b);
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

export function button(card: unknown, k: string, extra: Json = {}): Json {
  const b = buttonValues(card).find((v) => v.k === k && Object.entries(extra).every(([key, val]) => v[key] === val));
  expect(b, `button ${k} ${JSON.stringify(extra)} in card`).toBeTruthy();
  return b!;
}

export const cardsTo = (h: Harness, openId: string): FakeMessage[] => h.lark.sent().filter((m) => m.receiverOpenId === openId && m.msgType === 'interactive');
export const textsTo = (h: Harness, openId: string): string[] =>
  h.lark.sent().filter((m) => m.receiverOpenId === openId && m.msgType === 'text').map((m) => (m.content as { text: string }).text);
export const lastCardTo = (h: Harness, openId: string): FakeMessage => {
  const all = cardsTo(h, openId);
  expect(all.length, `a card was sent to ${openId}`).toBeGreaterThan(0);
  return all.at(-1)!;
};

export async function copiesOf(h: Harness, requestId: string) {
  const rows = await h.db.db.select().from(cardMessages).where(eq(cardMessages.subjectType, 'approval'));
  return rows.filter((r) => r.subjectId === requestId || r.subjectId.startsWith(`${requestId}:`));
}

export async function requestRow(h: Harness, id: string) {
  const [row] = await h.db.db.select().from(approvalRequests).where(eq(approvalRequests.id, id));
  return row!;
}
export const stepsOf = (h: Harness, id: string) => h.db.db.select().from(approvalSteps).where(eq(approvalSteps.requestId, id)).orderBy(asc(approvalSteps.idx));
export const auditActions = async (h: Harness, id: string) =>
  (await h.db.db.select().from(approvalAudit).where(eq(approvalAudit.requestId, id)).orderBy(asc(approvalAudit.id))).map((a) => `${a.action}:${a.actorId}`);

export interface CardAnswer {
  toast?: { type: string; content: string; i18n: { zh_cn: string; en_us: string } };
  card?: { type: 'raw'; data: unknown };
}

/** Clicks a button and waits for the outbox; returns the callback's answer. */
export async function click(h: Harness, who: string, messageId: string, value: Json, formValue?: Json): Promise<CardAnswer> {
  const r = await h.sender.cardAction(who, messageId, value, formValue ? { formValue } : {});
  expect(r.status).toBe(200);
  await h.settle();
  return r.body as CardAnswer;
}
