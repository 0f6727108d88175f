/**
 * Who prepares which material for a visit, and by when (拜访物料, domain.md §3.2: each line has a
 * quantity, a due day and an owner). One duty per owner and visit: the owner's lines together,
 * due on the earliest of their days and never after the visit's own day. A line without an
 * owner is the planner's to prepare; one without a day is due on the visit day.
 */
import { i18n, type I18nText } from '../i18n.js';
import { addDaysYmd } from '../time.js';
import { MATERIAL_LABEL, type MaterialLine } from './types.js';

export interface MaterialDuty {
  ownerId: string;
  items: MaterialLine[];
  /** 'YYYY-MM-DD' all of it must be ready by. */
  dueOn: string;
}

export function materialDuties(materials: readonly MaterialLine[], plannerId: string, visitDay: string): MaterialDuty[] {
  const byOwner = new Map<string, MaterialLine[]>();
  for (const m of materials) {
    if (m.quantity <= 0) continue;
    const owner = m.ownerId ?? plannerId;
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), m]);
  }
  return [...byOwner].map(([ownerId, items]) => {
    const days = items.map((m) => (m.dueOn && m.dueOn < visitDay ? m.dueOn : visitDay));
    return { ownerId, items, dueOn: days.reduce((a, b) => (b < a ? b : a)) };
  });
}

/** "宣传册×20、小礼品×5" / "Brochures ×20, Small gifts ×5". */
export function materialsText(items: readonly MaterialLine[]): I18nText {
  return i18n(
    items.map((m) => `${MATERIAL_LABEL[m.item].zh_cn}×${m.quantity}`).join('、'),
    items.map((m) => `${MATERIAL_LABEL[m.item].en_us} ×${m.quantity}`).join(', '),
  );
}

/** The lines with their due days moved by the visit's own move (a reschedule by N days moves them N days). */
export function shiftMaterials(materials: readonly MaterialLine[], days: number): MaterialLine[] {
  return days ? materials.map((m) => (m.dueOn ? { ...m, dueOn: addDaysYmd(m.dueOn, days) } : m)) : [...materials];
}

/** Whole days between two 'YYYY-MM-DD' keys (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}
