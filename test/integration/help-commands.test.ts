/**
 * Every command the help card shows works (issue 17): for every role, each example the card
 * shows in either language (the `code` spans), with its placeholders filled in as a person
 * would, goes through the real webhook and is answered by that command — never the fallback.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrgMember } from '../../src/app/org-file.js';
import { keyMentions } from '../../src/sandbox/web-chat.js';
import { ROSTER, startHarness, type Harness } from '../support/harness.js';
import { say } from './customer-helpers.js';
import { customerWithContacts } from './visit-helpers.js';

const SPARE: OrgMember[] = [
  { openId: 'ou_spare', name: '郑新人', role: 'specialist', managerId: 'ou_manager', locale: 'zh_cn' },
  { openId: 'ou_leaver', name: '冯离职', role: 'specialist', managerId: 'ou_manager', locale: 'zh_cn' },
];

let h: Harness;
beforeAll(async () => {
  // Some 600 answers to one person each: at Lark's 5 a second per receiver that is two minutes of
  // waiting and nothing else (the limits have their own tests), so the bot and the fake both lift them here.
  h = await startHarness({ roster: [...ROSTER, ...SPARE], rateLimits: false });
  await customerWithContacts(h, 'ou_spec1', '中国华能集团');
});
afterAll(() => h.close());

type Lang = 'zh_cn' | 'en_us';

/** The code spans of every markdown block of the card, in one language. */
function examplesOn(card: unknown, lang: Lang): string[] {
  const out: string[] = [];
  const walk = (n: unknown): void => {
    if (Array.isArray(n)) return n.forEach(walk);
    if (!n || typeof n !== 'object') return;
    const o = n as Record<string, unknown>;
    if (o.tag === 'markdown') {
      const text = (o.i18n_content as Record<Lang, string> | undefined)?.[lang] ?? String(o.content);
      for (const m of text.matchAll(/`([^`]+)`/g)) out.push(m[1]!);
    }
    Object.values(o).forEach(walk);
  };
  walk(card);
  return out;
}

let fresh = 0;
/** What a person types in place of the placeholder: a real customer, place, reason, @-mention. */
const FILL: [RegExp, () => string][] = [
  [/客户名称|名称或编号|<customer>|<name or number>/g, () => '华能'],
  [/(?<=新客户 )名称|(?<=new customer )<name>/g, () => `测试客户${++fresh}`],
  [/地点/g, () => '上海浦东'],
  [/<place>/g, () => 'Shanghai Pudong'],
  [/内容/g, () => '本周完成技术交流，客户认可方案，下周报价'],
  [/<text>/g, () => 'technical exchange done, quote next week'],
  [/原因/g, () => '预算超标'],
  [/<reason>/g, () => 'over budget'],
  [/@成员|@member|@离职人|@leaving/g, () => '@郑新人'],
  [/@上级|@reviewer/g, () => '@钱经理'],
  [/@接任者|@successor/g, () => '@冯离职'],
];
const PEOPLE = [...ROSTER, ...SPARE].map((m) => ({ openId: m.openId, name: m.name }));

function fill(example: string): string {
  let s = example;
  for (const [re, value] of FILL) s = s.replace(re, value);
  return s;
}

async function helpCardOf(who: string): Promise<unknown> {
  const out = await say(h, who, '帮助');
  const card = out.find((m) => m.msgType === 'interactive');
  expect(card, `${who}'s help card`).toBeTruthy();
  return card!.content;
}

describe.each(ROSTER.map((m) => [m.role, m] as const))('the help card of the %s', (_role, member) => {
  it.each(['zh_cn', 'en_us'] as const)('every example in %s is understood', async (lang) => {
    const card = await helpCardOf(member.openId);
    const examples = examplesOn(card, lang);
    expect(examples.length, 'the card shows commands').toBeGreaterThan(3);
    // Placeholders are for people, never left where a person would type them.
    for (const e of examples) expect(e, e).not.toMatch(/^\s|\s$/);
    const failures: string[] = [];
    for (const example of examples) {
      const typed = fill(example);
      const keyed = keyMentions(typed, PEOPLE.filter((p) => typed.includes(`@${p.name}`)));
      const before = h.lark.sent().length;
      const d = await h.sender.message(member.openId, keyed.text, { mentions: keyed.mentions });
      expect(d.status).toBe(200);
      await h.settle();
      const lines = h.log.lines.filter((l) => l.eventId === d.eventId);
      const answered = h.lark.sent().length > before;
      const byCommand = lines.some((l) => l.event === 'chat.command' || l.event === 'chat.free_text');
      const byFallback = lines.some((l) => l.event === 'chat.fallback');
      if (!answered || !byCommand || byFallback) failures.push(`${typed} → ${answered ? (byFallback ? 'fallback' : 'no command') : 'no answer'}`);
    }
    expect(failures).toEqual([]);
    // The lang example switched this member's language; put it back for the next case.
    await say(h, member.openId, member.locale === 'en_us' ? 'English' : '中文');
  });
});

describe('what each role is offered', () => {
  it('finance is not offered check-ins or report templates; the assistant sees their own work', async () => {
    const finance = examplesOn(await helpCardOf('ou_finance'), 'zh_cn');
    expect(finance).not.toContain('报备 地点');
    expect(finance).not.toContain('模板');
    expect(finance).not.toContain('拜访 客户名称');
    const assistant = JSON.stringify(await helpCardOf('ou_assistant'));
    expect(assistant).toContain('今日报备');
    expect(assistant).toContain('调研资料');
    expect(assistant).toContain('checks in');
  });
});
