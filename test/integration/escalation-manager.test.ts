/**
 * The 3-day escalations (visit record, follow-up, reception report) reach the same manager the
 * approval chain asked, also when the roster names no explicit `manager` for the specialist.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { obligations } from '../../db/schema/index.js';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import { days, digestsSince, textOf, tickAt } from './deadlines-helpers.js';
import { newCustomer } from './customer-helpers.js';
import { approveChain, approvedVisit, button, click, json, lastCardTo, say } from './visit-helpers.js';

let h: Harness;
const managerDigests: { day: string; card: unknown }[] = [];
let visitId = '';
let followedId = '';
let receptionId = '';

beforeAll(async () => {
  // Nobody below the manager has an explicit `manager` field: one manager, so the chain falls back to them.
  const roster = ROSTER.map((m) => (m.role === 'specialist' || m.role === 'assistant' ? { ...m, managerId: null } : m));
  h = await startHarness({ roster });
  visitId = (await approvedVisit(h, 'ou_spec1', '华能国际电力股份有限公司')).visit.id;
  followedId = (await approvedVisit(h, 'ou_spec2', '中国石油天然气集团')).visit.id;

  await newCustomer(h, 'ou_spec1', '三一重工股份有限公司');
  await say(h, 'ou_spec1', '接待 三一重工');
  const form = lastCardTo(h, 'ou_spec1');
  const ok = await click(h, 'ou_spec1', form.messageId, button(form.content, 'reception.submit'), { rp_guests: '采购部王总一行3人', rp_at: '2026-11-30 10:00 +0800', rp_hosts: ['ou_spec1'] });
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
  await approveChain(h, ['ou_manager', 'ou_director']);

  // spec2 records the visit on the day; the follow-up is then never made.
  h.clock.set('2026-11-30T09:00:00Z');
  const sent = await say(h, 'ou_spec2', '拜访总结\n客户：中国石油\n时间：今天下午3点\n地点：中油大厦\n方式：面谈\n要点：介绍了监测方案\n客户想法：有兴趣\n下一步：发报价');
  const confirm = sent.at(-1)!;
  expect((await click(h, 'ou_spec2', confirm.messageId, button(confirm.content, 'draft.confirm'))).toast?.type).toBe('success');

  for (const day of days('2026-11-30', '2026-12-09')) {
    const before = h.lark.sent().length;
    await tickAt(h, day, '09:05');
    for (const d of digestsSince(h, before)) if (d.to === 'ou_manager') managerDigests.push({ day, card: d.card });
  }
  receptionId = (await h.db.db.select().from(obligations).where(eq(obligations.kind, 'reception_report')))[0]!.subjectId;
});
afterAll(async () => h?.close());

describe('escalations with no explicit manager on the roster', () => {
  it('every duty names the manager the approval chain asked', async () => {
    for (const [kind, id] of [['visit_record', visitId], ['follow_up', followedId], ['reception_report', receptionId]] as const) {
      const [duty] = await h.db.db.select().from(obligations).where(and(eq(obligations.subjectId, id), eq(obligations.kind, kind)));
      expect(duty, kind).toMatchObject({ kind, managerId: 'ou_manager' });
    }
  });

  it('the manager hears of the missing visit record and reception report after three days, and of the follow-up once overdue', () => {
    const mentioning = (name: string) => managerDigests.filter((d) => textOf(d.card).includes(name) && textOf(d.card).includes('团队逾期事项')).map((d) => d.day);
    expect(mentioning('华能国际电力股份有限公司')).toEqual(['2026-12-03']);
    expect(mentioning('三一重工股份有限公司')).toEqual(['2026-12-03']);
    expect(mentioning('中国石油天然气集团')).toEqual(['2026-12-08']);
    expect(json(managerDigests.map((d) => d.card))).not.toContain('undefined');
  });
});
