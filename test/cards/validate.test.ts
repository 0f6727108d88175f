import { describe, expect, it } from 'vitest';
import { button, buttonRow, card, form, input, md } from '../../cards/kit.js';
import { validateCard } from '../../cards/validate.js';
import { decodeActionValue } from '../../cards/action-value.js';
import { i18n } from '../../src/domain/i18n.js';

const ok = card({ title: i18n('标题', 'Title'), elements: [md(i18n('你好', 'Hello'))] });

describe('card 2.0 validator', () => {
  it('accepts a card from the kit', () => expect(validateCard(ok)).toEqual([]));

  it('rejects removed tags, duplicate names, oversize, and 1.0 buttons', () => {
    const bad = {
      ...ok,
      body: {
        elements: [
          { tag: 'note', elements: [] },
          { tag: 'action', actions: [] },
          form('f', [input({ name: 'a', label: i18n('甲', 'A') }), input({ name: 'a', label: i18n('乙', 'B') })]),
          { tag: 'button', text: { tag: 'plain_text', content: 'x' }, value: { a: 1 } },
          md(i18n('长'.repeat(11000), 'x')),
        ],
      },
    };
    const messages = validateCard(bad).map((p) => p.message).join('\n');
    expect(messages).toMatch(/"note" is not supported/);
    expect(messages).toMatch(/"action" is not supported/);
    expect(messages).toMatch(/name "a" is already used/);
    expect(messages).toMatch(/behaviors, not value/);
    expect(messages).toMatch(/over the 30 KB limit/);
  });

  it('button values round-trip through the codec', () => {
    const b = button({ text: i18n('同意', 'Approve'), value: { k: 'approval.decide', id: 'r1', ver: 3 } });
    const row = buttonRow([b]);
    expect(validateCard(card({ title: i18n('a', 'a'), elements: [row] }))).toEqual([]);
    const value = (b.behaviors as { value: unknown }[])[0]!.value;
    expect(decodeActionValue(value)).toEqual({ v: 1, k: 'approval.decide', id: 'r1', ver: 3 });
    expect(decodeActionValue({ v: 2, k: 'x' })).toBeNull();
    expect(decodeActionValue('{"v":1,"k":"x","o":{"nested":1}}')).toBeNull();
  });
});
