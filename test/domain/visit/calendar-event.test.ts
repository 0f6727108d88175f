import { describe, expect, it } from 'vitest';
import { eventIdempotencyKey, syncSteps, visitEvent, receptionEvent, type EventSpec } from '../../../src/domain/visit/calendar-event.js';
import type { VisitPlan } from '../../../src/domain/visit/types.js';

const plan: VisitPlan = {
  place: '华能总部 12 楼', purpose: '确认采购时间表', attendees: ['ou_b', 'ou_a', 'ou_owner'],
  contacts: [{ name: '王总', roles: ['经济买家'] }, { name: '陈科长', roles: [] }], firstContact: null, materials: [], budgetFen: 0,
};
const names: Record<string, string> = { ou_owner: '李专员', ou_a: '钱经理', ou_b: '孙内勤' };
const facts = { customerName: '中国华能集团', ownerName: '李专员', at: new Date('2026-11-30T06:30:00Z'), plan, ownerId: 'ou_owner', nameOf: (id: string) => names[id] ?? id, timeZone: 'Asia/Shanghai' };

describe('the event a visit should be', () => {
  it('is in seconds, two hours, in the company zone, with our people invited and the customer’s named', () => {
    const e = visitEvent(facts);
    expect(e.start).toBe(1796020200);
    expect(String(e.start)).toHaveLength(10);
    expect(e.end - e.start).toBe(7200);
    expect(e.timeZone).toBe('Asia/Shanghai');
    expect(e.attendees).toEqual(['ou_a', 'ou_b', 'ou_owner']);
    expect(e.summary).toContain('中国华能集团');
    expect(e.description).toContain('王总（经济买家）、陈科长');
    expect(e.description).toContain('确认采购时间表');
    expect(e.description).toContain('2026-11-30 14:30');
    expect(e.location).toBe('华能总部 12 楼');
  });

  it('a reception invites the lead, the hosts and the leader once each', () => {
    const e = receptionEvent({ ...facts, plan: { guests: '王总一行', venue: '商务室', hosts: ['ou_a', 'ou_owner'], meals: null, leaderId: 'ou_d', lodging: null, budgetFen: 0 } });
    expect(e.attendees).toEqual(['ou_a', 'ou_d', 'ou_owner']);
    expect(e.description).toContain('王总一行');
  });

  it('keeps Lark’s lengths: the key 32–128 characters, the summary ≤ 1000', () => {
    expect(eventIdempotencyKey('visit', 'v1').length).toBe(32);
    expect(eventIdempotencyKey('visit', 'x'.repeat(200)).length).toBe(128);
    expect(eventIdempotencyKey('visit', 'v1')).not.toBe(eventIdempotencyKey('reception', 'v1'));
    expect(visitEvent({ ...facts, customerName: '名'.repeat(2000) }).summary.length).toBe(1000);
  });
});

describe('the calls that bring Lark in line', () => {
  const now = 1796000000;
  const want = visitEvent(facts);
  it('creates, then invites, an event not there yet; nothing for one whose time has passed', () => {
    expect(syncSteps(want, null, null, now).map((s) => s.op)).toEqual(['create', 'invite']);
    expect(syncSteps(want, null, null, want.end + 1)).toEqual([]);
  });
  it('patches only what changed, a time with its pair and zone', () => {
    const moved: EventSpec = { ...want, start: want.start + 86400, end: want.end + 86400 };
    expect(syncSteps(moved, want, 'evt', now)).toEqual([{ op: 'patch', fields: { start: moved.start, end: moved.end, timeZone: 'Asia/Shanghai' } }]);
    expect(syncSteps(want, want, 'evt', now)).toEqual([]);
  });
  it('invites the added and removes the dropped', () => {
    const changed: EventSpec = { ...want, attendees: ['ou_c', 'ou_owner'] };
    expect(syncSteps(changed, want, 'evt', now)).toEqual([
      { op: 'invite', openIds: ['ou_c'] },
      { op: 'uninvite', openIds: ['ou_a', 'ou_b'] },
    ]);
  });
  it('deletes an event no longer wanted, and does nothing when there was none', () => {
    expect(syncSteps(null, want, 'evt', now)).toEqual([{ op: 'delete' }]);
    expect(syncSteps(null, null, null, now)).toEqual([]);
  });
});
