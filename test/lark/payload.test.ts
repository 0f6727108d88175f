import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { boundPayload, MAX_DEPTH, mayNeedBounding, ownEntry, storableText } from '../../src/lark/payload.js';
import { parseMessageContent } from '../../src/lark/envelope.js';

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = i % 2 ? { a: v } : [v];
  return v;
};

describe('storableText', () => {
  it.each([
    ['NUL stripped', '拜访\u0000华能', '拜访华能'],
    ['a lone high surrogate replaced', '华\ud800能', '华\ufffd能'],
    ['a lone low surrogate replaced', '\udc00x', '\ufffdx'],
    ['a real pair kept', '好😀', '好😀'],
    ['plain text untouched', '拜访华能，满意度4分', '拜访华能，满意度4分'],
  ])('%s', (_n, input, expected) => expect(storableText(input)).toBe(expected));
});

describe('boundPayload', () => {
  it('accepts Lark-like depth and refuses deeper, without overflowing the stack itself', () => {
    expect(boundPayload(nested(MAX_DEPTH)).ok).toBe(true);
    expect(boundPayload(nested(MAX_DEPTH + 1))).toMatchObject({ ok: false, reason: expect.stringContaining('nested') });
    expect(boundPayload(JSON.parse('['.repeat(100_000) + ']'.repeat(100_000)))).toMatchObject({ ok: false });
  });

  it('refuses too many values', () => {
    expect(boundPayload({ a: Array.from({ length: 60_000 }, () => 0) })).toMatchObject({ ok: false, reason: expect.stringContaining('values') });
    expect(boundPayload({ a: Array.from({ length: 60_000 }, () => 'x') })).toMatchObject({ ok: false });
  });

  it('cleans strings and keys in place, keeping "__proto__" an own key', () => {
    const v = JSON.parse('{"a":["x\\u0000",{"b":"\\ud800"}],"k\\u0000":1,"__proto__":{"c":"\\u0000"}}') as Record<string, unknown>;
    expect(boundPayload(v).ok).toBe(true);
    expect(v.a).toEqual(['x', { b: '\ufffd' }]);
    expect(v.k).toBe(1);
    expect(Object.hasOwn(v, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(v)).toBe(Object.prototype);
    expect(JSON.stringify(v)).toBe('{"a":["x",{"b":"\ufffd"}],"__proto__":{"c":""},"k":1}');
  });
});

describe('mayNeedBounding', () => {
  it('is false only for text whose parse boundPayload accepts and leaves unchanged (seeded property)', () => {
    const str = fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('\u0000', '\ud800', '😀', '\\u0000'));
    const json = fc.letrec<{ v: unknown }>((tie) => ({
      v: fc.oneof({ depthSize: 'medium' }, str, fc.integer(), fc.constant(null), fc.array(tie('v'), { maxLength: 3 }), fc.dictionary(str, tie('v'), { maxKeys: 3 })),
    })).v;
    fc.assert(
      fc.property(json, fc.integer({ min: 0, max: 40 }), (v, depth) => {
        let wrapped: unknown = v;
        for (let i = 0; i < depth; i++) wrapped = [wrapped];
        const text = JSON.stringify(wrapped);
        if (mayNeedBounding(text)) return;
        const parsed: unknown = JSON.parse(text);
        expect(boundPayload(parsed).ok).toBe(true);
        expect(JSON.stringify(parsed)).toBe(text);
      }),
      { seed: 18, numRuns: 300 },
    );
  });

  it('sends a typical event past the walk and the fuzz cases into it', () => {
    const event = JSON.stringify({ schema: '2.0', header: { event_id: 'e', event_type: 'im.message.receive_v1' }, event: { message: { content: JSON.stringify({ text: '拜访总结：客户：石化 😀' }) } } });
    expect(mayNeedBounding(event)).toBe(false);
    for (const bad of [event.replace('石化', '\\u0000'), event.replace('石化', '\\ud800'), '['.repeat(33) + ']'.repeat(33), JSON.stringify(Array.from({ length: 50_000 }, () => 0))]) {
      expect(mayNeedBounding(bad)).toBe(true);
    }
  });
});

describe('ownEntry', () => {
  it('finds own entries only', () => {
    const table: Record<string, number> = { help: 1 };
    expect(ownEntry(table, 'help')).toBe(1);
    for (const k of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) expect(ownEntry(table, k)).toBeUndefined();
  });
});

describe('parseMessageContent', () => {
  it.each([
    ['text', '{"text":"拜访\\u0000华能\\ud800"}', { text: '拜访华能\ufffd' }],
    ['text', 'null', null],
    ['text', '"just a string"', null],
    ['text', '{"text":42}', null],
    ['text', 'not json', null],
    ['post', '{"zh_cn":{"title":"总结","content":[[{"tag":"text","text":"好"}]]}}', { title: '总结', content: [[{ tag: 'text', text: '好' }]] }],
    ['post', '{"content":[[{"tag":"text","text":{"x":1}}]]}', null],
    ['post', '{"zh_cn":null}', null],
    ['image', '{"image_key":"img_1"}', { image_key: 'img_1' }],
    ['image', '{"image_key":null}', null],
    ['location', '{"name":"浦东","longitude":"121.5","latitude":"31.2"}', { name: '浦东', longitude: '121.5', latitude: '31.2' }],
    ['location', '{"name":{"x":1}}', null],
    ['sticker', '{"file_key":"x"}', { file_key: 'x' }],
    ['sticker', '[1]', null],
    ['__proto__', '{"a":1}', { a: 1 }],
  ])('%s %s', (type, raw, expected) => expect(parseMessageContent(type, raw)).toEqual(expected));
});
