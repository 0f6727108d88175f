/** The closest commands to what someone typed: typos, homophones, pinyin; nothing for chatter. */
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../../src/chat/commands/index.js';
import { classify } from '../../src/chat/fallback.js';
import { closestCommands, editDistance } from '../../src/chat/closest.js';

const names = (text: string) => closestCommands(text, COMMANDS).map((c) => c.command.name);

describe('editDistance', () => {
  it.each([
    ['help', 'help', 0],
    ['hepl', 'help', 1],
    ['模版', '模板', 1],
    ['', 'abc', 3],
    ['cusotmers', 'customers', 1],
  ])('%s ↔ %s = %i', (a, b, d) => expect(editDistance(a, b)).toBe(d));
});

describe('closestCommands', () => {
  it.each([
    ['拜方 华能', 'visit'],
    ['白访 华能', 'visit'],
    ['baifang huaneng', 'visit'],
    ['草搞', 'drafts'],
    ['模版 回访', 'template'],
    ['我的客护', 'customers'],
    ['待申批', 'pending'],
    ['帮主', 'help'],
    ['cusotmers', 'customers'],
    ['/tempalte', 'template'],
    ['reprot', 'report'],
    ['pendign', 'pending'],
    ['yuebao', 'report'],
  ])('"%s" → %s first', (text, name) => expect(names(text)[0]).toBe(name));

  it('at most three, each once', () => {
    for (const t of ['客护', 'baifang', '模版']) {
      const n = names(t);
      expect(n.length).toBeLessThanOrEqual(3);
      expect(new Set(n).size).toBe(n.length);
    }
  });

  it.each(['今天天气不错', '明天再说吧', '好的我知道了', 'the weather is nice', '哈哈哈', '你们公司在哪'])('nothing close to "%s"', (text) => {
    expect(names(text)).toEqual([]);
  });
});

describe('classify', () => {
  it.each([
    ['在吗', 'greeting'], ['你好！', 'greeting'], ['Hello', 'greeting'], ['😊😊', 'greeting'], ['[微笑]', 'greeting'], ['', 'greeting'],
    ['谢谢', 'thanks'], ['收到', 'thanks'], ['thanks!', 'thanks'],
    ['报表', 'figures'], ['导出 11月', 'figures'], ['/export', 'figures'], ['回访率', 'figures'],
    // commands now: never the fallback's to classify
    ['统计', null], ['KPI', null], ['考核', null],
    ['统计一下今天拜访了谁', null], ['你好，我想问一下报销怎么弄', null], ['数据线坏了', null],
  ])('"%s" → %s', (text, kind) => expect(classify(text)).toBe(kind));
});
