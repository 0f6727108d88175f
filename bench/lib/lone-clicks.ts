/**
 * bench:card's lone clicks: what one click costs in SQL statements and time without 19 others
 * queued beside it, counted at PGlite's query() in the test harness.
 */
import { eq } from 'drizzle-orm';
import { ROSTER, startHarness, type Harness } from '../../test/support/harness.js';
import { PLAN_CONTACTS, planValuesFor } from '../../test/support/visit-plan.js';
import { customers } from '../../db/schema/index.js';
import type { OrgMember } from '../../src/app/org-file.js';
import { buttonValue } from './cards.js';

type Json = Record<string, unknown>;

const cardsTo = (h: Harness, openId: string) => h.lark.sent().filter((m) => m.receiverOpenId === openId && m.msgType === 'interactive');

/** Counts the statements PGlite runs (inside transactions too), and those reading the roster; null on the Postgres server. */
function statementCounter(h: Harness, TRACE: boolean | undefined): { count: number; roster: number; trace: string[] } | null {
  const client = (h.db as { client?: { query: (...a: unknown[]) => unknown; transaction: (fn: (tx: unknown) => unknown) => unknown } }).client;
  if (!client) return null;
  const c = { count: 0, roster: 0, trace: [] as string[] };
  const wrap = <T extends { query: (...a: unknown[]) => unknown }>(o: T): T => {
    const query = o.query.bind(o);
    o.query = (...a: unknown[]) => {
      c.count++;
      if (/from "members"/i.test(String(a[0]))) c.roster++;
      if (!TRACE) return query(...a);
      const t0 = performance.now();
      return (query(...a) as Promise<{ rows?: unknown[] }>).then((r) => {
        c.trace.push(`${(performance.now() - t0).toFixed(1)} ms ${r.rows?.length ?? 0} rows  ${String(a[0]).slice(0, 160).replace(/\s+/g, ' ')}`);
        return r;
      });
    };
    return o;
  };
  wrap(client);
  const transaction = client.transaction.bind(client);
  client.transaction = (fn) => transaction((tx) => fn(wrap(tx as { query: (...a: unknown[]) => unknown })));
  return c;
}

/** Times one click in the harness; a click the bot refused (non-200) fails the bench. */
async function timedClick(h: Harness, who: string, messageId: string, value: Json, formValue?: Json): Promise<{ ms: number; toast?: string }> {
  const t0 = performance.now();
  const r = await h.sender.cardAction(who, messageId, value, formValue ? { formValue } : {});
  const ms = performance.now() - t0;
  if (r.status !== 200) throw new Error(`${who}: HTTP ${r.status}`);
  return { ms, toast: (r.body as { toast?: { type: string } }).toast?.type };
}

export type Alone = Record<string, { ms: number; statements: number; roster: number }>;

/**
 * One click of each kind (form, the chain's three approvals, a stale one) by `s`, alone in the
 * test harness (PGlite) with no drain kicked: each one's time and SQL statements.
 */
export async function aloneClicks(s: OrgMember, o: { trace?: boolean } = {}): Promise<Alone> {
  const TRACE = o.trace;
  const now = new Date('2026-11-27T02:00:00Z');
  const h = await startHarness({ now: now.toISOString(), roster: [...ROSTER, s] });
  const statements = statementCounter(h, TRACE)!;
  const out: Alone = {};
  try {
    // No drain kicked while it clicks: the click's own statements only.
    h.deps.kickOutbox = () => {};
    const probe = async (kind: string, run: () => Promise<{ ms: number; toast?: string }>, ok: (t: string | undefined) => boolean) => {
      const before = statements.count;
      const rosterBefore = statements.roster;
      statements.trace.length = 0;
      const a = await run();
      if (!ok(a.toast)) throw new Error(`alone ${kind}: answered ${a.toast}`);
      if (TRACE) console.error(`-- ${kind}\n${statements.trace.splice(0).join('\n')}`);
      out[kind] = { ms: a.ms, statements: statements.count - before, roster: statements.roster - rosterBefore };
    };
    const name = `压测客户-${s.openId}`;
    await h.sender.message(s.openId, `新客户 ${name}`);
    await h.settle();
    const [row] = await h.db.db.select().from(customers).where(eq(customers.name, name));
    if (!row) throw new Error(`customer ${name} not created`);
    await h.db.db.update(customers).set({ archive: { ...(row.archive as Json), contacts: PLAN_CONTACTS } as never }).where(eq(customers.id, row.id));
    await h.sender.message(s.openId, `拜访 ${name}`);
    await h.settle();
    const form = cardsTo(h, s.openId).at(-1)!;
    const value = buttonValue(form.content, 'visit.submit');
    if (!value) throw new Error(`no plan form for ${s.openId}`);
    await probe('form', () => timedClick(h, s.openId, form.messageId, value, planValuesFor(now, 3)), (t) => t === 'success');
    await h.settle();
    let first: { messageId: string; value: Json } | null = null;
    for (const [step, approver] of (['ou_manager', 'ou_director', 'ou_finance'] as const).entries()) {
      const card = cardsTo(h, approver)
        .map((m) => ({ messageId: m.messageId, value: buttonValue(h.lark.messages.get(m.messageId)!.content, 'approval.decide', { d: 'approve' }) }))
        .filter((c): c is { messageId: string; value: Json } => Boolean(c.value))
        .at(-1);
      if (!card) throw new Error(`step ${step + 1}: no live card for ${approver}`);
      first ??= card;
      await probe(`approve ${step + 1}`, () => timedClick(h, approver, card.messageId, card.value), (t) => t === 'success');
      await h.settle();
    }
    await probe('stale', () => timedClick(h, 'ou_manager', first!.messageId, first!.value), (t) => t !== 'success');
  } finally {
    await h.close();
  }
  return out;
}
