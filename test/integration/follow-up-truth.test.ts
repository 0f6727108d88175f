/**
 * A follow-up (回访) by message on the real path (issue 17), with the care a visit summary gets:
 * what the text did not label is marked 推测, who it was with comes from the visit (its summary's
 * people, else its plan's) and says 来自计划 when the text names nobody, and the stored
 * follow-up carries no marks.
 */
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDrafts } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { approvedVisit, button, click, json, PLAN_VALUES, say, visitRow } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' }); // Fri 27 Nov 10:00 Shanghai
});
afterAll(async () => h?.close());

const openDraft = async () => (await h.db.db.select().from(reportDrafts).where(and(eq(reportDrafts.ownerId, 'ou_spec1'), eq(reportDrafts.status, 'open'))))[0];

/** A visit planned for `day` 14:30, approved, and its summary confirmed that evening; its id. */
async function recordedVisit(name: string, day: string, summary: string): Promise<string> {
  const { visit } = await approvedVisit(h, 'ou_spec1', name, { ...PLAN_VALUES, vp_at: `${day} 14:30 +0800`, mat_brochure_due: day.slice(5) });
  h.clock.set(`${day}T09:00:00Z`); // 17:00 on the visit day
  const confirm = (await say(h, 'ou_spec1', summary)).at(-1)!;
  expect(json(confirm.content)).toContain('请确认拜访总结');
  const ok = await click(h, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
  expect((await visitRow(h, visit.id)).status).toBe('recorded');
  return visit.id;
}

describe('a follow-up in prose, through the webhook', () => {
  it('marks what it read from prose, takes who it was with from the visit summary, and stores the follow-up without marks', async () => {
    const id = await recordedVisit('中国华能集团有限公司', '2026-11-30', '拜访总结：今天在华能总部和采购部李经理面谈，介绍了监测方案。客户觉得价格偏高。下一步：周五前发报价单。');
    expect((await visitRow(h, id)).record!.people).toBe('采购部李经理');
    h.clock.set('2026-12-03T02:00:00Z');
    const confirm = (await say(h, 'ou_spec1', '回访 电话回访了一下，对方案很认可，满意度5分')).at(-1)!;
    const card = json(confirm.content);
    expect(card).toContain('请确认回访');
    expect(card).toContain('回访方式（推测）');
    expect(card).toContain('客户意见（推测）');
    expect(card).toContain('满意度（推测）');
    expect(card).toContain('回访对象（来自计划）');
    expect(card).toContain('采购部李经理');
    expect(card).toContain('取自这次拜访的计划或拜访总结');
    expect(await openDraft()).toMatchObject({ kind: 'follow_up', subjectId: id, fields: { people: '采购部李经理', marks: { fromPlan: ['people'] } } });
    expect((await visitRow(h, id)).followUp).toBeNull(); // nothing stored before the confirm

    const ok = await click(h, 'ou_spec1', confirm.messageId, button(confirm.content, 'draft.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    const row = await visitRow(h, id);
    expect(row.followUp).toMatchObject({ method: 'phone', satisfaction: 5, people: '采购部李经理' });
    expect(row.followUp).not.toHaveProperty('marks');
    // the visit card shows the follow-up as stored: who it was with, no draft marks
    expect(json(ok.card)).toContain('回访对象');
    expect(json(ok.card)).not.toContain('推测');
    expect(json(ok.card)).not.toContain('来自计划');
  });

  it('takes the plan’s people the summary was filled with, and marks nothing when every field is labelled', async () => {
    const id = await recordedVisit('三一重工股份有限公司', '2026-12-07', '拜访总结：今天在三一总部介绍了监测方案。客户觉得价格偏高。下一步：周五前发报价单。');
    expect((await visitRow(h, id)).record!.people).toBe('王总、陈科长'); // the summary named nobody: the plan's contacts
    h.clock.set('2026-12-09T02:00:00Z');
    const guessed = (await say(h, 'ou_spec1', '回访 三一 上门回访，设备运行稳定')).at(-1)!;
    expect(json(guessed.content)).toContain('回访对象（来自计划）');
    expect(json(guessed.content)).toContain('王总、陈科长');
    const discarded = await click(h, 'ou_spec1', guessed.messageId, button(guessed.content, 'draft.discard'));
    expect(discarded.toast?.type).toBe('info');

    const labelled = (await say(h, 'ou_spec1', '回访\n客户：三一\n回访方式：电话\n回访对象：王总\n客户意见：设备运行稳定，希望加一次培训\n满意度：4')).at(-1)!;
    const card = json(labelled.content);
    expect(card).toContain('请确认回访');
    expect(card).not.toContain('推测');
    expect(card).not.toContain('来自计划');
    expect(card).not.toContain('请先核对');
    const ok = await click(h, 'ou_spec1', labelled.messageId, button(labelled.content, 'draft.confirm'));
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect((await visitRow(h, id)).followUp).toEqual({ method: 'phone', opinion: '设备运行稳定，希望加一次培训', satisfaction: 4, people: '王总' });
  });
});
