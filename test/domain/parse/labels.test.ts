import { describe, expect, it } from 'vitest';
import { splitLabelled } from '../../../src/domain/parse/labels.js';

const DICT = {
  time: ['时间', '拜访时间', 'time'],
  place: ['地点', 'place', 'location'],
  points: ['要点', '主要内容', 'main points'],
  view: ['客户想法', "customer's view"],
  next: ['下一步', 'next steps'],
} as const;

describe('splitLabelled', () => {
  it.each([
    ['full-width colon', '地点：华能大厦', { place: '华能大厦' }],
    ['half-width colon and spaces', '地点 :  华能大厦 ', { place: '华能大厦' }],
    ['dash', 'Place - Beijing HQ', { place: 'Beijing HQ' }],
    ['brackets', '【地点】华能大厦', { place: '华能大厦' }],
    ['square brackets with colon', '[地点]：华能大厦', { place: '华能大厦' }],
    ['space after a Chinese label at line start', '地点 华能大厦', { place: '华能大厦' }],
    ['case-insensitive English', 'MAIN POINTS: pricing', { points: 'pricing' }],
    ['bullet', '- 地点：华能', { place: '华能' }],
    ['numbering', '1. 地点：华能\n2、要点：价格', { place: '华能', points: '价格' }],
    ['circled numbers', '①地点：华能 ②要点：价格', { place: '华能', points: '价格' }],
    ['emoji bullet', '📍地点：华能\n⏰时间：昨天', { place: '华能', time: '昨天' }],
    ['mid-line after ；', '时间：昨天下午；地点：他们总部。要点：聊价格', { time: '昨天下午', place: '他们总部', points: '聊价格' }],
    ['mid-line after ，', '时间：昨天，地点：总部', { time: '昨天', place: '总部' }],
    ['longest alias wins', '拜访时间：周三', { time: '周三' }],
  ])('%s', (_name, text, fields) => {
    expect(splitLabelled(text, DICT).fields).toEqual(fields);
  });

  it('keeps multi-line values and block labels', () => {
    const r = splitLabelled('要点：\n1. 介绍新品\n2. 看了产线\n客户想法：\n王总：价格偏高\n李工：技术没问题', DICT);
    expect(r.fields).toEqual({ points: '1. 介绍新品\n2. 看了产线', view: '王总：价格偏高\n李工：技术没问题' });
    expect(r.order).toEqual(['points', 'view']);
  });

  it('keeps chatter, unknown labels and sign-offs as rest', () => {
    const r = splitLabelled('辛苦了，汇报一下\n地点：华能\n联系人：王总\n要点：价格\n以上，请领导审阅', DICT);
    expect(r.fields).toEqual({ place: '华能', points: '价格' });
    expect(r.rest).toBe('辛苦了，汇报一下\n联系人：王总\n以上，请领导审阅');
    expect(r.labelled).toBe(true);
  });

  it('does not take words inside prose for labels', () => {
    const r = splitLabelled('下一步怎么走还要看时间，地点还没定', DICT);
    expect(r.labelled).toBe(false);
    expect(r.rest).toBe('下一步怎么走还要看时间，地点还没定');
    expect(splitLabelled('Timeline: Q1', DICT).labelled).toBe(false);
    expect(splitLabelled('Place the order soon', DICT).labelled).toBe(false);
  });

  it('joins a label given twice', () => {
    expect(splitLabelled('要点：价格\n要点：交期', DICT).fields).toEqual({ points: '价格\n交期' });
  });
});
