/**
 * What someone hears when the bot does not understand them (issue 17, "a fallback that helps"):
 * never the wall of help; a greeting gets a hello, an unbuilt feature says what exists, a typo
 * gets the closest commands, and a summary with no visit waiting is said to be unsaved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDrafts } from '../../db/schema/index.js';
import { describeMessage, startHarness, type Harness } from '../support/harness.js';
import { json, say } from './customer-helpers.js';
import { customerWithContacts, planVisit } from './visit-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-27T02:00:00Z' }); // a Friday, 10:00 in Shanghai
  await customerWithContacts(h, 'ou_spec1', '中国华能集团');
});
afterAll(() => h.close());

/** The one answer to a message, as text (a card by its title). */
async function answer(who: string, text: string): Promise<string> {
  const out = await say(h, who, text);
  expect(out, `one answer to "${text}"`).toHaveLength(1);
  return describeMessage(out[0]!);
}

const fallbackKinds = () => h.log.lines.filter((l) => l.event === 'chat.fallback').map((l) => l.kind);

describe('greetings get a short hello, not the help card', () => {
  it.each(['在吗', '你好', '您好！', 'hi', '早上好', '😊', '👍🏻', '[微笑]', '  在不在？ '])('"%s"', async (text) => {
    const reply = await answer('ou_spec1', text);
    expect(reply).toContain('您好，李专员');
    expect(reply).toContain('拜访 客户名称'); // a specialist's everyday command
    expect(reply).toContain('帮助');
    expect(reply).not.toContain('[card]');
  });

  it('in English for an English reader, with the role\'s own commands', async () => {
    const reply = await answer('ou_spec2', 'hello');
    expect(reply).toContain('Hello Wang Wei');
    expect(reply).toContain('visit <customer>');
    const finance = await answer('ou_finance', '在吗');
    expect(finance).toContain('待审批');
    expect(finance).not.toContain('拜访');
  });

  it('thanks get a "you\'re welcome"', async () => {
    expect(await answer('ou_spec1', '谢谢！')).toContain('不客气');
    expect(await answer('ou_spec2', 'thanks')).toContain("You're welcome");
  });
});

describe('words for figures, reports and exports point to where they are', () => {
  it.each(['导出', '报表 本季度', '/导出 11月', '满意度'])('"%s"', async (text) => {
    const reply = await answer('ou_manager', text);
    expect(reply).not.toContain('还没有上线');
    expect(reply).toContain('绩效');
    expect(reply).toContain('季度考核');
    expect(reply).toContain('「绩效 导出」');
    expect(reply).toContain('月报汇总 11月');
  });

  it('in English, and without the assessment for a specialist', async () => {
    const reply = await answer('ou_spec2', 'export');
    expect(reply).toContain('"kpi export"');
    expect(reply).toContain('my customers');
    expect(reply).not.toContain('quarterly assessment');
  });
});

describe('the menu\'s words and the English help\'s words are commands', () => {
  it('出差申请 and 出差 open the travel form', async () => {
    for (const text of ['出差申请', '出差', '申请出差', 'apply travel']) {
      const out = await say(h, 'ou_spec1', text);
      expect(out, text).toHaveLength(1);
      expect(json(out[0]!.content), text).toContain('出差申请');
      expect(json(out[0]!.content), text).toContain('request.submit');
    }
  });

  it('"my customers" lists them; "new customer X" opens an archive', async () => {
    const list = await say(h, 'ou_spec2', 'my customers');
    expect(list).toHaveLength(1);
    expect(list[0]!.msgType).toBe('interactive');
    const created = await say(h, 'ou_spec2', 'new customer 华东电网有限公司');
    expect(created.map(describeMessage).join('\n')).toContain('Created 华东电网有限公司');
  });
});

describe('a typo or pinyin gets the closest commands', () => {
  it.each([
    ['拜方 华能', '拜访 客户名称'],
    ['baifang huaneng', '拜访 客户名称'],
    ['草搞', '草稿'],
    ['模版', '模板'],
    ['我的客护', '我的客户'],
    ['待申批', '待审批'],
    ['帮主', '帮助'],
  ])('"%s" → %s', async (text, expected) => {
    const reply = await answer('ou_spec1', text);
    expect(reply).toContain('没听懂');
    expect(reply).toContain('是不是想');
    expect(reply).toContain(expected);
  });

  it.each([
    ['cusotmers', 'my customers'],
    ['tempalte', 'template'],
    ['hepl', 'help'],
    ['pendign', 'pending'],
  ])('English "%s" → %s', async (text, expected) => {
    const reply = await answer('ou_spec2', text);
    expect(reply).toContain('I did not understand');
    expect(reply).toContain(expected);
  });

  it('nothing close: says so and offers the everyday commands', async () => {
    const reply = await answer('ou_spec1', '今天天气不错');
    expect(reply).toContain('没听懂「今天天气不错」');
    expect(reply).toContain('拜访 客户名称');
    expect(reply).not.toContain('是不是想');
  });

  it('never suggests what the role may not use', async () => {
    const reply = await answer('ou_finance', '拜方');
    expect(reply).toContain('没听懂');
    expect(reply).not.toContain('拜访 客户名称');
  });
});

describe('a summary with no visit waiting is said to be unsaved', () => {
  const SUMMARY = '今天上午去华能总部拜访了王总，在12楼会议室谈了一个小时。客户对价格比较敏感，希望我们下周给一版报价。下一步准备报价方案，下周二再约王总。';

  it('in prose: not saved, and how to plan or wait for the visit', async () => {
    const reply = await answer('ou_spec1', SUMMARY);
    expect(reply).toContain('没有保存');
    expect(reply).toContain('拜访 中国华能集团');
    expect(await h.db.db.$count(reportDrafts)).toBe(0);
    expect(fallbackKinds().at(-1)).toBe('summary_unsaved');
  });

  it('starting with 拜访 (read as the visit command): the same', async () => {
    const reply = await answer('ou_spec1', '拜访了华能，王总对方案很满意，但是觉得价格偏高，下一步我们准备调整报价，下周三再去一次华能总部');
    expect(reply).toContain('没有保存');
    expect(await h.db.db.$count(reportDrafts)).toBe(0);
  });

  it('with a visit still in approval, names it', async () => {
    await planVisit(h, 'ou_spec1', '中国华能集团');
    const reply = await answer('ou_spec1', SUMMARY);
    expect(reply).toContain('还在审批中');
    expect(reply).toMatch(/中国华能集团（11月30日/);
  });

  it('in English', async () => {
    const reply = await answer('ou_spec2', 'Visited Huaneng HQ this morning and met Mr Wang in the meeting room. The customer is sensitive to price. Next step: send a revised quote next Tuesday.');
    expect(reply).toMatch(/not saved|did not understand/);
  });
});

describe('a bare 同意 explains where it works', () => {
  it('says to reply to the approval card', async () => {
    const reply = await answer('ou_manager', '同意');
    expect(reply).toContain('回复那张卡片');
    expect(reply).toContain('待审批');
  });
});

describe('a clear aim gets what it asked for, not "没听懂"', () => {
  const cardOf = async (who: string, text: string) => {
    const out = await say(h, who, text);
    expect(out, `one answer to "${text}"`).toHaveLength(1);
    return json(out[0]!.content);
  };

  it('"明天下午去华能拜访": the visit plan form, at tomorrow 14:00', async () => {
    const form = await cardOf('ou_spec1', '明天下午去华能拜访');
    expect(form).toContain('拜访计划');
    expect(form).toContain('"initial_datetime":"2026-11-28 14:00"');
    expect(fallbackKinds().at(-1)).toBe('intent_plan_visit');
  });

  it('`拜访 华能 下周三上午10点 谈续约`: the customer, the time and the purpose filled in', async () => {
    const form = await cardOf('ou_spec1', '拜访 华能 下周三上午10点 谈续约');
    expect(form).toContain('拜访计划 · 中国华能集团');
    expect(form).toContain('"initial_datetime":"2026-12-02 10:00"');
    expect(form).toContain('"default_value":"谈续约"');
  });

  it('`接待 华能 周二下午`: the reception form at that time', async () => {
    const form = await cardOf('ou_spec1', '接待 华能 周二下午');
    expect(form).toContain('接待计划 · 中国华能集团');
    expect(form).toContain('"initial_datetime":"2026-12-01 14:00"');
  });

  it('a plan with no customer the bot knows says how to name one', async () => {
    const reply = await answer('ou_spec1', '准备下周去拜访一个新客户');
    expect(reply).toContain('请写上客户名称');
    expect(reply).toContain('新客户 名称');
  });

  it('"怎么报销打车费": what there is to reimburse, or the rule', async () => {
    const reply = await answer('ou_spec2', '怎么报销打车费');
    expect(reply).not.toContain('没听懂');
    expect(reply).toMatch(/可报销|reimburse/);
    expect(fallbackKinds().at(-1)).toBe('intent_reimburse');
  });

  it('"华能的联系人是谁": the archive card', async () => {
    const card = await cardOf('ou_spec1', '华能的联系人是谁');
    expect(card).toContain('档案编号');
    expect(card).toContain('王总');
    expect(fallbackKinds().at(-1)).toBe('intent_customer');
  });

  it('"下周要去上海出差": the travel request form', async () => {
    const form = await cardOf('ou_spec1', '下周要去上海出差');
    expect(form).toContain('出差申请');
    expect(form).toContain('request.submit');
  });

  it.each(['我要请假', '下周一想调休一天', '这个月工资什么时候发'])('"%s": leave and pay are Feishu\'s approvals, said plainly', async (text) => {
    const reply = await answer('ou_spec1', text);
    expect(reply).toContain('飞书的「审批」');
    expect(reply).not.toContain('没听懂');
  });

  it('"团队这个月的业绩怎么样": the team\'s KPI card for this month, not the roster', async () => {
    const out = await say(h, 'ou_manager', '团队这个月的业绩怎么样');
    expect(out).toHaveLength(1);
    const card = json(out[0]!.content);
    expect(card).toContain('2026年11月');
    expect(card).not.toContain('大客户部成员');
    expect(fallbackKinds().at(-1)).toBe('intent_kpi');
  });

  it('"有哪些待审批的" and "陈静的拜访计划批一下": what waits for approval', async () => {
    for (const text of ['有哪些待审批的', '李专员的拜访计划批一下']) {
      await say(h, 'ou_manager', text);
      expect(fallbackKinds().at(-1), text).toBe('intent_pending');
    }
  });

  it('finance asking to plan a visit is not handed a form it may not submit', async () => {
    const reply = await answer('ou_finance', '明天下午去华能拜访');
    expect(reply).not.toContain('拜访计划');
  });
});
