import { describe, expect, it } from 'vitest';
import { todoSections, todoUrgency, type Obligation } from '../../../src/domain/reminders/index.js';

const TZ = 'Asia/Shanghai';
const NOW = new Date('2026-12-02T02:00:00Z'); // 10:00 in Shanghai
const duty = (id: string, kind: Obligation['kind'], dueAt: string, o: Partial<Obligation> = {}): Obligation => ({
  id,
  kind,
  ownerId: 'ou_a',
  managerId: null,
  assistantId: null,
  subjectType: 'visit',
  subjectId: id,
  anchorAt: new Date('2026-11-20T00:00:00Z'),
  dueAt: new Date(dueAt),
  doneAt: null,
  meta: {},
  ...o,
});

describe('todoUrgency', () => {
  it('past the deadline is overdue, later today is due, a later local day is upcoming', () => {
    expect(todoUrgency(new Date('2026-12-02T01:59:00Z'), NOW, TZ)).toBe('overdue');
    expect(todoUrgency(new Date('2026-12-02T15:59:00Z'), NOW, TZ)).toBe('due'); // 23:59 Shanghai
    expect(todoUrgency(new Date('2026-12-02T16:00:00Z'), NOW, TZ)).toBe('upcoming'); // midnight, the 3rd
  });
});

describe('todoSections', () => {
  it("groups the person's open duties, most urgent kind first, soonest first within", () => {
    const s = todoSections(
      [
        duty('f2', 'follow_up', '2026-12-06T10:00:00Z'),
        duty('f1', 'follow_up', '2026-12-04T10:00:00Z'),
        duty('v1', 'visit_record', '2026-12-01T12:00:00Z'),
        duty('x', 'visit_record', '2026-11-01T12:00:00Z', { ownerId: 'ou_b' }),
        duty('d', 'visit_record', '2026-11-01T12:00:00Z', { doneAt: new Date('2026-11-02T00:00:00Z') }),
      ],
      'ou_a',
      NOW,
      TZ,
    );
    expect(s.map((x) => [x.kind, x.urgency, x.items.map((i) => i.obligation.id)])).toEqual([
      ['visit_record', 'overdue', ['v1']],
      ['follow_up', 'upcoming', ['f1', 'f2']],
    ]);
  });

  it('nothing open is nothing to show', () => {
    expect(todoSections([], 'ou_a', NOW, TZ)).toEqual([]);
  });
});
