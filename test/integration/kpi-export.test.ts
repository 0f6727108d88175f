/**
 * `KPI 导出` / `kpi export` and the KPI card's export button: the workbook (or CSV) is built by
 * the outbox drainer, uploaded with the real SDK to the fake Lark (`im/v1/files`) and sent to
 * the asker as a `file` message; the test unzips what the fake holds and reads the cells back
 * against what was recorded through chat and cards. A specialist asking for the department, a
 * future and an unknown period get a clear answer and nothing is uploaded; a send that fails
 * after the upload is retried without uploading again; both calls count against the budget.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { larkApiCalls, outbox } from '../../db/schema/index.js';
import type { FakeMessage } from '../../src/sandbox/fake-lark.js';
import { readXlsx } from '../domain/kpi/xlsx-reader.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, json, newCustomer, recordOnArchive, say, textsTo } from './customer-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-10-05T02:00:00Z' });
});
afterAll(async () => h?.close());

const record = (who: string, name: string, r: string, values: Record<string, unknown>) => recordOnArchive(h, who, name, r, values);

const filesTo = (who: string): FakeMessage[] => h.lark.sent().filter((m) => m.receiverOpenId === who && m.msgType === 'file');
const uploads = () => h.lark.callsTo('upload').filter((c) => c.status === 200).length;

/** The row of a person (column B) in a sheet, as column letter → value. */
function rowOf(cells: Map<string, { value: string | number }>, name: string): Record<string, string | number> {
  const hit = [...cells].find(([ref, c]) => ref.startsWith('B') && c.value === name);
  expect(hit, `a row for ${name}`).toBeTruthy();
  const n = hit![0].slice(1);
  return Object.fromEntries([...cells].filter(([ref]) => ref.replace(/^[A-Z]+/, '') === n).map(([ref, c]) => [ref.replace(/\d+$/, ''), c.value]));
}

describe('the KPI export', () => {
  beforeAll(async () => {
    await newCustomer(h, 'ou_spec1', '华东机械制造有限公司');
    h.clock.set('2026-11-27T02:00:00Z');
    await record('ou_spec1', '华东机械', 'transaction', { tx_amount: '60万', tx_date: '2026-11-20 +0800' });
    await say(h, 'ou_manager', '指标');
    const list = cardsTo(h, 'ou_manager').at(-1)!;
    const form = await click(h, 'ou_manager', list.messageId, button(list.content, 'target.form'));
    const set = await click(h, 'ou_manager', list.messageId, button(form.card!.data, 'target.set'), { tg_specialist: 'ou_spec1', tg_period: '2026Q4', tg_amount: '100万' });
    expect(set.toast?.type, set.toast?.content).toBe('success');
  });

  it('the notice “正在生成…稍后发送” reaches the asker before the file, not after it', async () => {
    const before = h.lark.sent().length;
    await say(h, 'ou_manager', 'KPI 导出 2026Q4');
    const toManager = h.lark.sent().slice(before).filter((m) => m.receiverOpenId === 'ou_manager');
    expect(toManager.map((m) => m.msgType)).toEqual(['text', 'file']);
    expect(json(toManager[0]!.content)).toContain('稍后发送到私聊');
  });

  it('a manager’s `KPI 导出 2026Q4` arrives as an .xlsx in the private chat, with the recorded figures', async () => {
    const before = uploads();
    const out = await say(h, 'ou_manager', 'KPI 导出 2026Q4');
    expect(json(out)).toContain('稍后发送到私聊');
    expect(uploads()).toBe(before + 1);
    const msg = filesTo('ou_manager').at(-1)!;
    const file = h.lark.fileOf(msg.messageId)!;
    expect(file.fileType).toBe('xls');
    expect(file.fileName).toBe('钱经理_团队KPI_2026Q4.xlsx');

    const book = readXlsx(file.bytes);
    const sales = book.sheet('销售与开发').cells;
    expect(sales.get('D1')!.value).toBe('大客户销售计划完成率');
    expect(sales.get('E1')!.value).toBe('实际销售（元）');
    const li = rowOf(sales, '李专员');
    expect(li.A).toBe('专员');
    expect(li.D).toBe(0.6); // ¥600,000 of ¥1,000,000, as a percent cell
    expect(li.E).toBe(600000);
    expect(li.F).toBe(1000000);
    expect(rowOf(sales, '钱经理').A).toBe('团队');

    // The upload and the send are counted against the month's API budget.
    const calls = await h.db.db.select().from(larkApiCalls);
    expect(calls.find((c) => c.api === 'im.file.create')?.calls).toBeGreaterThanOrEqual(1);
  });

  it('`KPI 导出 csv` sends the CSV (UTF-8 with BOM, one table)', async () => {
    await say(h, 'ou_manager', '绩效 导出 csv 2026Q4');
    const file = h.lark.fileOf(filesTo('ou_manager').at(-1)!.messageId)!;
    expect(file.fileType).toBe('stream');
    expect(file.fileName).toBe('钱经理_团队KPI_2026Q4.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(file.bytes);
    expect(text.startsWith('\uFEFF层级,姓名 / 名称,团队,大客户销售计划完成率,实际销售（元）,销售指标（元）')).toBe(true);
    expect(text).toContain('专员,李专员,钱经理,60,600000,1000000');
  });

  it('the card’s export button answers at once and the file follows; the clicker’s scope is re-checked', async () => {
    await say(h, 'ou_spec1', '绩效 2026Q4');
    const card = cardsTo(h, 'ou_spec1').at(-1)!;
    const value = button(card.content, 'kpi.export');
    expect(value).toMatchObject({ p: '2026Q4', s: 'member:ou_spec1' });
    const answer = await click(h, 'ou_spec1', card.messageId, value);
    expect(answer.toast?.type).toBe('success');
    expect(json(answer.toast)).toContain('正在生成，稍后发送到私聊');
    const file = h.lark.fileOf(filesTo('ou_spec1').at(-1)!.messageId)!;
    expect(file.fileName).toBe('李专员KPI_2026Q4.xlsx');
    expect(rowOf(readXlsx(file.bytes).sheet('销售与开发').cells, '李专员').E).toBe(600000);

    // A value edited to the department is refused for a specialist, and nothing is uploaded.
    const before = uploads();
    const forged = await click(h, 'ou_spec1', card.messageId, { ...value, s: 'department' });
    expect(forged.toast?.type).toBe('error');
    expect(json(forged.toast)).toContain('您无权查看这一范围的绩效数据');
    expect(uploads()).toBe(before);

    // The other button: the previous period of the same scope, in place of the clicked card.
    const view = await click(h, 'ou_spec1', card.messageId, button(card.content, 'kpi.view'));
    expect(json(view.card?.data)).toContain('2026年第三季度');
    expect(button(view.card!.data, 'kpi.export')).toMatchObject({ p: '2026Q3', s: 'member:ou_spec1' });
  });

  it('a specialist asking for the department, a future and an unknown period get a clear answer and no upload', async () => {
    const before = uploads();
    const files = filesTo('ou_spec1').length;
    expect(json(await say(h, 'ou_spec1', '绩效 导出 部门'))).toContain('您无权查看这一范围的绩效数据');
    expect(json(await say(h, 'ou_spec2', 'kpi export department'))).toContain('You cannot see KPIs for that scope');
    expect(json(await say(h, 'ou_manager', 'KPI 导出 2027Q1'))).toContain('还没有开始');
    expect(json(await say(h, 'ou_manager', 'KPI 导出 2026Q9'))).toContain('也不是一个期间');
    expect(uploads()).toBe(before);
    expect(filesTo('ou_spec1').length).toBe(files);
  });

  it('a send that fails after the upload is retried without uploading again', async () => {
    const before = uploads();
    h.lark.injectFault({ api: 'message.create', kind: 'http500', times: 1, receiveId: 'ou_director', msgType: 'file' });
    await say(h, 'ou_director', 'KPI 导出 2026Q4');
    expect(uploads()).toBe(before + 1);
    const [waiting] = await h.db.db.select().from(outbox).where(and(eq(outbox.target, 'ou_director'), eq(outbox.kind, 'file')));
    expect(waiting).toMatchObject({ kind: 'file', status: 'pending', attempts: 1 });
    expect((waiting!.content as { fileKey?: string }).fileKey).toMatch(/^file_/);
    h.clock.advance(60_000); // past the retry's backoff
    await h.settle();
    expect(uploads()).toBe(before + 1);
    const [row] = await h.db.db.select().from(outbox).where(and(eq(outbox.target, 'ou_director'), eq(outbox.kind, 'file')));
    expect(row).toMatchObject({ kind: 'file', status: 'sent' });
    expect(row!.attempts).toBe(2);
    const file = h.lark.fileOf(filesTo('ou_director').at(-1)!.messageId)!;
    expect(file.fileName).toBe('大客户部KPI_2026Q4.xlsx');
    expect(rowOf(readXlsx(file.bytes).sheet('销售与开发').cells, '大客户部').A).toBe('部门');
    expect(textsTo(h, 'ou_director').at(-1)).toContain('稍后发送到私聊');
  });
});
