import { describe, expect, it } from 'vitest';
import { checkMessageContent, SlidingWindow } from '../../src/sandbox/fake-lark-rules.js';

describe('what the fake Lark accepts', () => {
  it.each([
    ['text', JSON.stringify({ text: '你好' }), null],
    ['post', JSON.stringify({ zh_cn: { title: 't', content: [] } }), null],
    ['text', { text: 'not a string' }, 230001],
    ['text', '{bad', 230001],
    ['text', JSON.stringify({ txt: 'x' }), 230001],
    ['text', JSON.stringify({ text: 'x'.repeat(151 * 1024) }), 230025],
    ['interactive', JSON.stringify({ schema: '2.0', config: { update_multi: true }, body: { elements: [{ tag: 'note' }] } }), 230099],
    ['interactive', JSON.stringify({ schema: '2.0', body: { elements: [{ tag: 'markdown', content: 'x'.repeat(31 * 1024) }] } }), 230025],
    ['sticker', JSON.stringify({ file_key: 'k' }), 230001],
  ])('%s %#', (type, content, code) => {
    expect(checkMessageContent(type, content)?.code ?? null).toBe(code);
  });

  it('counts per key within a second, and not at all when off', () => {
    const w = new SlidingWindow();
    expect(Array.from({ length: 6 }, () => w.over('rcv:a', 5))).toEqual([false, false, false, false, false, true]);
    expect(w.over('rcv:b', 5)).toBe(false);
    const off = new SlidingWindow(false);
    expect(Array.from({ length: 10 }, () => off.over('k', 1)).some(Boolean)).toBe(false);
  });
});
