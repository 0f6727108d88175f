/** The outbox's last-resort gate: an answer too big for one card arrives shortened and says so, never refused. */
import { describe, expect, it } from 'vitest';
import { fitCard } from '../../cards/fit.js';
import { button, card, form, md, type Card } from '../../cards/kit.js';
import { CARD_MAX_BYTES, validateCard } from '../../cards/validate.js';
import { i18n } from '../../src/domain/i18n.js';

const bytes = (c: Card) => new TextEncoder().encode(JSON.stringify(c)).length;
const big = (n: number, text: string): Card => card({ title: i18n('客户列表', 'Customers'), elements: Array.from({ length: n }, (_, i) => md(i18n(`${i}. ${text}`, `${i}. ${text}`))) });

describe('fitCard', () => {
  it('leaves a card that fits alone', () => {
    const c = big(3, '华能');
    expect(fitCard(c)).toEqual({ card: c, degraded: null, bytes: bytes(c) });
  });

  it('shortens long texts first, and the card says it was shortened', () => {
    const c = big(20, '中国华能集团有限公司'.repeat(100));
    expect(bytes(c)).toBeGreaterThan(CARD_MAX_BYTES);
    const f = fitCard(c);
    expect(f.degraded).toBe('texts');
    expect(f.bytes).toBeLessThan(CARD_MAX_BYTES);
    expect(validateCard(f.card)).toEqual([]);
    expect(JSON.stringify(f.card.body.elements[0])).toContain('已精简显示');
    expect(f.card.body.elements).toHaveLength(21);
  });

  it('cuts long option lists, keeping what was chosen', () => {
    const options = Array.from({ length: 2000 }, (_, i) => ({ value: `ou_${String(i).padStart(32, '0')}` }));
    const picker = { tag: 'multi_select_person', name: 'who', options, selected_values: [options[1999]!.value] };
    const c = card({ title: i18n('表单', 'Form'), elements: [form('f', [picker, button({ text: i18n('提交', 'Submit'), value: { k: 'x' }, formSubmit: true, name: 's' })])] });
    const f = fitCard(c);
    expect(f.degraded).toBe('options');
    const kept = (f.card.body.elements[1] as unknown as { elements: { options: { value: string }[] }[] }).elements[0]!.options.map((o) => o.value);
    expect(kept).toContain(options[1999]!.value);
    expect(validateCard(f.card)).toEqual([]);
  });

  it('as a last resort keeps the leading elements that fit, under 200 elements', () => {
    const f = fitCard(big(400, '华能'));
    expect(f.degraded).toBe('truncated');
    expect(validateCard(f.card)).toEqual([]);
    expect(f.card.header).toEqual(big(1, '').header);
  });
});
