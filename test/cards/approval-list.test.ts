import { describe, expect, it } from 'vitest';
import { myRequestsListCard, PAGE_SIZE, pendingListCard } from '../../cards/approval-list.js';
import { actionFromDecide, parseApprovalValue, type DecideValue } from '../../cards/approval-values.js';
import { pendingItemOf, requestItemOf, type PendingItem, type RequestItem } from '../../src/domain/approval/list-items.js';
import { decide } from '../../src/domain/approval/machine.js';
import { i18n } from '../../src/domain/i18n.js';
import { DomainError } from '../../src/domain/errors.js';
import { buttonsOf, callbackValue, elementsOf, expectSendable, textOf } from '../domain/approval/card-fixtures.js';
import { ctxAt, member, ROSTER, submitted, T0 } from '../domain/approval/fixtures.js';

const longSummary = i18n(`华东机械集团·${'长'.repeat(300)}`, `East China Machinery · ${'long '.repeat(100)}`);

const pendingItems = (n: number): PendingItem[] =>
  Array.from({ length: n }, (_, i) => ({ ...pendingItemOf(submitted(), ROSTER, longSummary)!, requestId: `req${i}`, version: i + 1 }));
const requestItems = (n: number): RequestItem[] =>
  Array.from({ length: n }, (_, i) => ({ ...requestItemOf(submitted(), ROSTER, longSummary), requestId: `req${i}` }));

const kindsOf = (card: ReturnType<typeof pendingListCard>) => buttonsOf(card).map((b) => parseApprovalValue(callbackValue(b))!);

describe('pending approvals list card', () => {
  it.each<[number, number, number, boolean]>([
    // items, page, approve buttons shown, has pager
    [0, 0, 0, false],
    [1, 0, 1, false],
    [PAGE_SIZE, 0, PAGE_SIZE, false],
    [PAGE_SIZE + 1, 0, PAGE_SIZE, true],
    [50, 0, PAGE_SIZE, true],
    [50, 4, PAGE_SIZE, true],
    [50, 99, PAGE_SIZE, true],
    [23, 2, 3, true],
  ])('%i items, page %i: sendable, %i one-tap approvals', (n, page, shown, paged) => {
    const c = pendingListCard(pendingItems(n), page);
    expectSendable(c);
    const values = kindsOf(c);
    const approvals = values.filter((v) => v.k === 'approval.decide');
    expect(approvals).toHaveLength(shown);
    for (const v of approvals) expect(v).toMatchObject({ d: 'approve', s: 0, src: 'list' });
    expect(values.filter((v) => v.k === 'approval.view')).toHaveLength(shown);
    expect(values.some((v) => v.k === 'approval.list')).toBe(paged);
    expect(elementsOf(c).length).toBeLessThan(200);
  });

  it('says how many more there are and pages forward and back', () => {
    const c = pendingListCard(pendingItems(50), 1);
    expect(textOf(c, 'zh_cn')).toContain('还有 30 项未显示');
    expect(textOf(c, 'en_us')).toContain('30 more not shown');
    expect(textOf(c, 'zh_cn')).toContain('待我审批（50）');
    expect(kindsOf(c).filter((v) => v.k === 'approval.list')).toEqual([
      { v: 1, k: 'approval.list', l: 'pending', p: 0 },
      { v: 1, k: 'approval.list', l: 'pending', p: 2 },
    ]);
    const first = kindsOf(c).find((v) => v.k === 'approval.decide');
    expect(first).toEqual({ v: 1, k: 'approval.decide', r: 'req10', s: 0, ver: 11, d: 'approve', src: 'list', p: 1 });
  });

  it('clips long summaries', () => {
    const text = textOf(pendingListCard(pendingItems(1)), 'zh_cn');
    expect(text).toContain('…');
    expect(text).not.toContain('长'.repeat(200));
  });

  it('says so when nothing is waiting', () => {
    expect(textOf(pendingListCard([]), 'en_us')).toContain('Nothing is waiting for your approval.');
  });
});

describe('my requests list card', () => {
  it.each([0, 1, PAGE_SIZE, 50])('%i requests: sendable and paged', (n) => {
    const c = myRequestsListCard(requestItems(n));
    expectSendable(c);
    expect(kindsOf(c).filter((v) => v.k === 'approval.view')).toHaveLength(Math.min(n, PAGE_SIZE));
    expect(textOf(c, 'zh_cn')).toContain(`我的申请（${n}）`);
  });

  it('shows each request’s state and who has it', () => {
    const text = textOf(myRequestsListCard(requestItems(1)), 'zh_cn');
    expect(text).toContain('**拜访计划** · <font color=\'blue\'>审批中</font> · 当前：王经理');
  });
});

describe('decide button → reducer action', () => {
  const value = (d: DecideValue['d']): DecideValue => ({ v: 1, k: 'approval.decide', r: 'req1', s: 0, ver: 1, d });
  it.each<[DecideValue['d'], Record<string, unknown> | undefined, unknown]>([
    ['approve', undefined, { type: 'approve', stepIndex: 0, version: 1, comment: null }],
    ['approve', { comment: '同意' }, { type: 'approve', stepIndex: 0, version: 1, comment: '同意' }],
    ['reject', { reason: '太贵' }, { type: 'reject', stepIndex: 0, version: 1, reason: '太贵' }],
    ['return', { reason: '补充' }, { type: 'return_for_revision', stepIndex: 0, version: 1, reason: '补充' }],
    ['transfer', { to: 'ou_mgr2', reason: '休假' }, { type: 'transfer', stepIndex: 0, version: 1, toId: 'ou_mgr2', reason: '休假' }],
    ['reject', { reason: 42 }, { type: 'reject', stepIndex: 0, version: 1, reason: '' }],
  ])('%s with %j', (d, form, expected) => expect(actionFromDecide(value(d), form)).toEqual(expected));

  it('the server re-checks the required reason the client should have enforced', () => {
    const action = actionFromDecide(value('reject'), {});
    expect(() => decide(submitted(), action, member(ROSTER, 'ou_mgr'), ctxAt(T0))).toThrow(DomainError);
  });

  it.each([
    ['a tampered kind', { v: 1, k: 'approval.decide', r: 'req1', s: 0, ver: 1, d: 'delete' }],
    ['a missing version', { v: 1, k: 'approval.decide', r: 'req1', s: 0, d: 'approve' }],
    ['a future codec', { v: 2, k: 'approval.decide', r: 'req1', s: 0, ver: 1, d: 'approve' }],
    ['a negative step', { v: 1, k: 'approval.decide', r: 'req1', s: -1, ver: 1, d: 'approve' }],
    ['someone else’s handler', { v: 1, k: 'visit.check_in', id: 'x' }],
    ['garbage', 'not json'],
  ])('refuses %s', (_n, raw) => expect(parseApprovalValue(raw)).toBeNull());

  it('accepts a value Feishu echoes back as a JSON string', () => {
    expect(parseApprovalValue(JSON.stringify({ v: 1, k: 'approval.view', r: 'req1' }))).toEqual({ v: 1, k: 'approval.view', r: 'req1' });
  });
});
