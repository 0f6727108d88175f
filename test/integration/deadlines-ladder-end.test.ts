/**
 * The overdue ladder's end (issue 17): after a working week of daily repeats an item is reminded
 * once a week, and that reminder lets its owner close it with a reason that reaches the manager;
 * then the reminders stop and the digest is patched.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { obligations } from '../../db/schema/index.js';
import { openObligationFor } from '../../src/app/obligations/index.js';
import { atZonedYmd } from '../../src/domain/time.js';
import { startHarness, type Harness } from '../support/harness.js';
import { buttonValues, textsTo } from './approval-helpers.js';
import { digestsSince, textOf, tickAt, TZ } from './deadlines-helpers.js';

let h: Harness;
let id = 0;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-09T01:00:00Z' }); // Mon 9 Nov, 09:00 Shanghai
  const opened = await h.db.db.transaction((tx) =>
    openObligationFor(tx, TZ, { kind: 'visit_record', subjectType: 'visit', subjectId: 'v-late', ownerId: 'ou_spec1', managerId: 'ou_manager', anchorAt: atZonedYmd('2026-11-09', TZ, 15), meta: { title: '华润电力' } }),
  );
  const [row] = await h.db.db.select().from(obligations).where(eq(obligations.subjectId, 'v-late'));
  id = row!.id;
  expect(opened).toBeTruthy();
});
afterAll(async () => h?.close());

const ownDigests = (from: number) => digestsSince(h, from).filter((d) => d.to === 'ou_spec1' && textOf(d.card).includes('华润电力'));

describe('an item overdue for weeks', () => {
  it('is reminded daily for a working week, then weekly, and can be closed with a reason the manager sees', async () => {
    let from = h.lark.sent().length;
    for (const day of ['2026-11-16', '2026-11-17', '2026-11-18', '2026-11-20']) await tickAt(h, day, '09:30');
    // Mon 16 Nov is the fifth daily morning (10, 11, 12, 13, 16); after it, nothing until a week later
    expect(ownDigests(from)).toHaveLength(1);
    from = h.lark.sent().length;
    await tickAt(h, '2026-11-23', '09:30');
    await tickAt(h, '2026-11-24', '09:30');
    const weekly = ownDigests(from);
    expect(weekly).toHaveLength(1);
    const close = buttonValues(weekly[0]!.card).find((v) => v.k === 'duty.close')!;
    expect(close).toMatchObject({ o: String(id) });

    // someone else cannot close it
    const other = await h.sender.cardAction('ou_spec2', weekly[0]!.messageId, close);
    expect(JSON.stringify(other.body)).toContain('只有这项待办的负责人');
    const formAnswer = (await h.sender.cardAction('ou_spec1', weekly[0]!.messageId, close)).body as { card: { data: unknown } };
    const save = buttonValues(formAnswer.card.data).find((v) => v.k === 'duty.close.save')!;
    const empty = await h.sender.cardAction('ou_spec1', weekly[0]!.messageId, save, { formValue: { reason: '  ' } });
    expect(JSON.stringify(empty.body)).toContain('请写明关闭的原因');
    expect((await h.db.db.select().from(obligations).where(eq(obligations.id, id)))[0]!.cancelledAt).toBeNull();
    const ok = await h.sender.cardAction('ou_spec1', weekly[0]!.messageId, save, { formValue: { reason: '客户取消了这次拜访，改为电话沟通' } });
    expect(JSON.stringify(ok.body)).toContain('已关闭');
    await h.settle();
    expect(textsTo(h, 'ou_manager').at(-1)).toBe('李专员 关闭了逾期事项「华润电力」，原因：客户取消了这次拜访，改为电话沟通');
    const [row] = await h.db.db.select().from(obligations).where(eq(obligations.id, id));
    expect(row!.cancelledAt).not.toBeNull();
    expect(row!.meta).toMatchObject({ closeReason: '客户取消了这次拜访，改为电话沟通' });

    // no more reminders; the weekly digest is patched to say so
    from = h.lark.sent().length;
    await tickAt(h, '2026-11-30', '09:30');
    expect(ownDigests(from)).toEqual([]);
    const patched = h.lark.messages.get(weekly[0]!.messageId)!;
    expect(patched.patches).toBe(1);
    expect(buttonValues(patched.content)).toEqual([]);
    expect(textOf(patched.content)).toContain('无需处理');
  });
});
