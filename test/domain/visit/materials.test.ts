import { describe, expect, it } from 'vitest';
import { daysBetween, materialDuties, materialsText, shiftMaterials } from '../../../src/domain/visit/materials.js';
import type { MaterialLine } from '../../../src/domain/visit/types.js';

const line = (item: MaterialLine['item'], quantity: number, dueOn: string | null, ownerId: string | null): MaterialLine => ({ item, quantity, dueOn, ownerId });

describe('who prepares what for a visit on 2026-12-03', () => {
  const lines = [line('brochure', 20, '2026-12-02', 'ou_a'), line('small_gift', 5, '2026-12-05', 'ou_a'), line('discount', 1, null, null), line('vehicle', 1, '2026-12-01', 'ou_b')];

  it('one duty per owner, due on their earliest day and never after the visit; a line without an owner is the planner’s', () => {
    expect(materialDuties(lines, 'ou_planner', '2026-12-03')).toEqual([
      { ownerId: 'ou_a', items: [lines[0], lines[1]], dueOn: '2026-12-02' },
      { ownerId: 'ou_planner', items: [lines[2]], dueOn: '2026-12-03' },
      { ownerId: 'ou_b', items: [lines[3]], dueOn: '2026-12-01' },
    ]);
    expect(materialDuties([], 'ou_planner', '2026-12-03')).toEqual([]);
  });

  it('reads in both languages', () => {
    expect(materialsText(lines.slice(0, 2))).toEqual({ zh_cn: '宣传册×20、小礼品×5', en_us: 'Brochures ×20, Small gifts ×5' });
  });

  it('moves with the visit, across a month end', () => {
    expect(daysBetween('2026-11-30', '2026-12-02')).toBe(2);
    expect(shiftMaterials(lines, 2).map((m) => m.dueOn)).toEqual(['2026-12-04', '2026-12-07', null, '2026-12-03']);
    expect(shiftMaterials(lines, -3).map((m) => m.dueOn)).toEqual(['2026-11-29', '2026-12-02', null, '2026-11-28']);
  });
});
