/**
 * A customer question recorded without its answer can be answered later, by chat or on the
 * open-questions card; the answer time is when it is recorded. Strangers and double answers
 * change nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asc, eq } from 'drizzle-orm';
import { customerQuestions } from '../../db/schema/index.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, click, json, lastArchive, newCustomer, say, textsTo } from './customer-helpers.js';
import { lastCardTo } from './approval-helpers.js';

let h: Harness;
let customerId = '';
const questions = () => h.db.db.select().from(customerQuestions).where(eq(customerQuestions.customerId, customerId)).orderBy(asc(customerQuestions.id));

async function recordQuestion(text: string, asked: string) {
  await say(h, 'ou_spec1', '客户 华能国际');
  const { messageId, card } = lastArchive(h, 'ou_spec1');
  const form = await click(h, 'ou_spec1', messageId, button(card, 'customer.record', { r: 'question' }));
  const ok = await click(h, 'ou_spec1', messageId, button(form.card!.data, 'customer.record.save'), { q_text: text, q_asked: asked });
  expect(ok.toast?.type, ok.toast?.content).toBe('success');
}

beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' });
  customerId = (await newCustomer(h, 'ou_spec1', '华能国际电力股份有限公司')).id;
  await recordQuestion('新机组的监测系统能否兼容老设备的数据接口？', '2026-11-20 +0800');
  await recordQuestion('保修期多久，保修期外的服务怎么收费？', '2026-11-25 +0800');
});
afterAll(async () => h?.close());

describe('answering a customer question later', () => {
  it('with two open, an answer by chat is not guessed: the card asks which, and nothing is stored', async () => {
    await say(h, 'ou_spec1', '解答 华能国际：可以兼容');
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('有 2 个待解答的问题');
    expect(json(lastCardTo(h, 'ou_spec1').content)).toContain('待解答的客户问题（2）');
    expect((await questions()).every((q) => q.answeredAt === null)).toBe(true);
  });

  it('answers one on the card, recording the time; strangers, blanks and a second answer change nothing', async () => {
    const c = lastCardTo(h, 'ou_spec1');
    const [first] = await questions();
    const save = button(c.content, 'customer.question.answer', { q: first!.id });
    const stranger = await click(h, 'ou_spec2', c.messageId, save, { [`qa_text_${first!.id}`]: '我来答' });
    expect(stranger.toast?.type).toBe('error');
    const blank = await click(h, 'ou_spec1', c.messageId, save, { [`qa_text_${first!.id}`]: '   ' });
    expect(blank.toast?.i18n.zh_cn).toContain('不能为空');
    expect((await questions())[0]!.answeredAt).toBeNull();

    h.clock.set('2026-11-27T06:30:00Z');
    const ok = await click(h, 'ou_spec1', c.messageId, save, { [`qa_text_${first!.id}`]: '可以，提供 Modbus 与 OPC UA 两种接口转换。' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(json(ok.card)).toContain('待解答的客户问题（1）');
    expect((await questions())[0]).toMatchObject({ answer: '可以，提供 Modbus 与 OPC UA 两种接口转换。', answeredAt: new Date('2026-11-27T06:30:00Z') });
    const twice = await click(h, 'ou_spec1', c.messageId, save, { [`qa_text_${first!.id}`]: '再答一次' });
    expect(twice.toast?.i18n.zh_cn).toContain('已经解答过了');
    expect((await questions())[0]!.answer).toBe('可以，提供 Modbus 与 OPC UA 两种接口转换。');
  });

  it('answers the last one by chat, and then says nothing is open', async () => {
    const refused = await say(h, 'ou_spec2', '解答 华能国际：两年');
    expect(json(refused)).toContain('Only the owner');
    h.clock.set('2026-11-30T02:00:00Z');
    await say(h, 'ou_spec1', '解答 华能国际：整机保修两年，过保后按年签服务合同。');
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('已记录「华能国际电力股份有限公司」问题的解答');
    expect((await questions())[1]).toMatchObject({ answer: '整机保修两年，过保后按年签服务合同。', answeredAt: new Date('2026-11-30T02:00:00Z') });
    await say(h, 'ou_spec1', '解答 华能国际');
    expect(textsTo(h, 'ou_spec1').at(-1)).toContain('没有待解答的问题');
  });
});
