/**
 * Development progress reports (定期汇报, domain.md §3.1): an approved development application
 * opens the first report `progressReportDays` (14) later; the ladder nudges the specialist on
 * the due day and daily after, the manager once; a report by card form or by message closes
 * the period, opens the next and reaches the manager.
 */
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { obligations, progressReports } from '../../db/schema/index.js';
import { atZonedYmd } from '../../src/domain/time.js';
import { startHarness, type Harness } from '../support/harness.js';
import { lastCardTo } from './approval-helpers.js';
import { button, click, lastArchive, newCustomer, say, textsTo } from './customer-helpers.js';
import { buttonOf, digestsSince, textOf, tickAt, TZ } from './deadlines-helpers.js';

let h: Harness;
const CUSTOMER = '华东石化';

async function viaArchive(k: string, submitK: string, values: Record<string, unknown>) {
  await say(h, 'ou_spec1', `客户 ${CUSTOMER}`);
  const { messageId, card } = lastArchive(h, 'ou_spec1');
  const form = await click(h, 'ou_spec1', messageId, button(card, k));
  return click(h, 'ou_spec1', messageId, button(form.card!.data, submitK), values);
}

const duties = () => h.db.db.select().from(obligations).where(and(eq(obligations.kind, 'progress_report'), eq(obligations.ownerId, 'ou_spec1'))).orderBy(asc(obligations.id));

beforeAll(async () => {
  h = await startHarness(); // Fri 27 Nov 2026, 10:00 Shanghai
  await newCustomer(h, 'ou_spec1', CUSTOMER);
  await viaArchive('customer.stage', 'customer.stage.save', { st_stage: 'researching' });
  await viaArchive('customer.stage', 'customer.stage.save', { st_stage: 'screened', st_screening: 'qualified' });
  const ok = await viaArchive('customer.develop', 'customer.develop.submit', {
    dv_direct: '更换老旧设备', dv_advantages: ['lower_total_cost'], dv_methods: ['visits'],
    dv_sales: '800万', dv_profit: '120万', dv_staff: '10万', dv_travel: '5万', dv_risk: 'medium', dv_team_coordinator: 'ou_spec1',
  });
  expect(ok.toast?.type).toBe('success');
  for (const who of ['ou_manager', 'ou_director']) {
    const m = lastCardTo(h, who);
    await click(h, who, m.messageId, button(m.content, 'approval.decide', { d: 'approve' }));
  }
});
afterAll(async () => h?.close());

const progressDigests = (from: number) => digestsSince(h, from).filter((d) => textOf(d.card).includes(CUSTOMER));

describe('progress reports on a customer under development', () => {
  it('approval opens the first report, due 14 days later (end of Fri 11 Dec)', async () => {
    const [first, ...rest] = await duties();
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ subjectType: 'development', managerId: 'ou_manager', doneAt: null });
    expect(first!.dueAt).toEqual(new Date(atZonedYmd('2026-12-12', TZ).getTime() - 1000));
  });

  it('nudges on the due day, daily after, and tells the manager once', async () => {
    const before = h.lark.sent().length;
    await tickAt(h, '2026-12-10', '09:05');
    expect(progressDigests(before)).toEqual([]);
    await tickAt(h, '2026-12-11', '09:05');
    await tickAt(h, '2026-12-14', '09:05');
    await tickAt(h, '2026-12-15', '09:05');
    const sent = progressDigests(before).map((d) => d.to);
    expect(sent).toEqual(['ou_spec1', 'ou_manager', 'ou_spec1', 'ou_spec1']);
    expect(textOf(progressDigests(before)[0]!.card)).toContain('开发进展汇报');
  });

  it('the digest button opens the form; an empty report is refused; a report closes the period and reaches the manager', async () => {
    const before = h.lark.sent().length;
    await tickAt(h, '2026-12-16', '09:05');
    const digest = progressDigests(before).find((d) => d.to === 'ou_spec1')!;
    const opened = await click(h, 'ou_spec1', digest.messageId!, buttonOf(digest.card, 'progress.form'));
    expect(opened.toast?.type).toBe('success');
    const form = lastCardTo(h, 'ou_spec1');
    const submit = buttonOf(form.content, 'progress.submit');
    // Someone else cannot submit it.
    const other = await click(h, 'ou_spec2', form.messageId, submit, { body: 'not mine' });
    expect(other.toast?.type).not.toBe('success');
    expect(other.toast?.i18n.en_us).toContain('not your customer');
    const empty = await click(h, 'ou_spec1', form.messageId, submit, { body: '   ' });
    expect(empty.toast?.i18n.zh_cn).toContain('请写上本期进展');
    expect(await h.db.db.$count(progressReports)).toBe(0);

    const ok = await click(h, 'ou_spec1', form.messageId, submit, { body: '完成技术交流，客户同意试用' });
    expect(ok.toast?.type).toBe('success');
    const again = await click(h, 'ou_spec1', form.messageId, submit, { body: '完成技术交流，客户同意试用' });
    expect(again.toast?.type).not.toBe('success');
    expect(await h.db.db.$count(progressReports)).toBe(1);
    expect(JSON.stringify(lastCardTo(h, 'ou_manager').content)).toContain('完成技术交流，客户同意试用');

    const [first, second] = await duties();
    expect(first!.doneAt).toEqual(h.clock.now());
    expect(second).toMatchObject({ doneAt: null, managerId: 'ou_manager' });
    expect(second!.dueAt).toEqual(new Date(atZonedYmd('2026-12-31', TZ).getTime() - 1000)); // 16 Dec + 14
    const after = h.lark.sent().length;
    await tickAt(h, '2026-12-17', '09:05');
    expect(progressDigests(after)).toEqual([]);
    // The digest that asked for it is corrected: it no longer lists the report as due.
    expect(h.lark.callsTo('message.patch').filter((c) => c.path.includes(digest.messageId!))).toHaveLength(1);
  });

  it('by message: 进展 … submits the next period; someone with nothing due is told so', async () => {
    h.clock.set(atZonedYmd('2026-12-22', TZ, 15));
    await say(h, 'ou_spec1', `进展 ${CUSTOMER}：安排了第二次拜访，客户采购部参与`);
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('进展已提交');
    expect(JSON.stringify(lastCardTo(h, 'ou_manager').content)).toContain('安排了第二次拜访');
    const all = await duties();
    expect(all.map((d) => d.doneAt !== null)).toEqual([true, true, false]);
    expect(await h.db.db.$count(progressReports)).toBe(2);

    // Two clicks at once on the same form (concurrent on the Postgres server): one report.
    await say(h, 'ou_spec1', '进展');
    const form = lastCardTo(h, 'ou_spec1');
    const submit = buttonOf(form.content, 'progress.submit');
    const answers = await Promise.all([1, 2].map(() => h.sender.cardAction('ou_spec1', form.messageId, submit, { formValue: { body: '报价已发出' } })));
    await h.settle();
    expect(answers.map((a) => JSON.stringify(a.body).includes('"success"')).sort()).toEqual([false, true]);
    expect(await h.db.db.$count(progressReports)).toBe(3);
    expect((await duties()).map((d) => d.doneAt !== null)).toEqual([true, true, true, false]);

    await say(h, 'ou_spec2', '/progress something');
    expect(textsTo(h, 'ou_spec2').at(-1)).toContain('no customer under development');
  });
});
