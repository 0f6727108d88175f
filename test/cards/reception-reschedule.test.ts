/** The reception reschedule form (接待改期) and the 改期 button on the reception card. */
import { describe, expect, it } from 'vitest';
import { receptionCard, receptionRescheduleCard, type ReceptionCardView } from '../../cards/reception-card.js';
import { i18n } from '../../src/domain/i18n.js';
import { buttonValues, cardText, expectValidCard, findTags } from '../domain/customer/card-helpers.js';

const tz = 'Asia/Shanghai';
const form = receptionRescheduleCard({ id: 'r1', version: 3, customerName: '三一重工股份有限公司', at: new Date('2026-12-01T06:30:00Z'), budgetYuan: '4000', freeDays: 2, budgetPct: 10, timeZone: tz });
const view: ReceptionCardView = {
  id: 'r1', customerName: '三一', ownerName: '李专员', status: 'approved', at: new Date('2026-12-01T06:30:00Z'),
  plan: { guests: '王总一行', venue: '商务室', hosts: [], meals: null, leaderId: null, lodging: null, budgetFen: 400_000 },
  report: null, cancelReason: null, nameOf: (x) => x, timeZone: tz,
};
const kinds = (v: Partial<ReceptionCardView>) => buttonValues(receptionCard({ ...view, ...v })).map((b) => b.k);

describe('reception reschedule form', () => {
  it('is a valid 2.0 card whose save button round-trips', () => {
    expectValidCard(form);
    expect(buttonValues(form)).toEqual([{ v: 1, k: 'reception.reschedule.save', s: 'r1', ver: 3 }]);
  });

  it('names every box rr_, pre-fills the time and budget, and states the tolerance', () => {
    const named = [...findTags(form, 'picker_datetime'), ...findTags(form, 'input'), ...findTags(form, 'button')].map((e) => e.name);
    expect(named).toEqual(['rr_at', 'rr_budget', 'rr_reason', 'rr_submit']);
    expect(findTags(form, 'picker_datetime')[0]).toMatchObject({ initial_datetime: '2026-12-01 14:30' });
    expect(findTags(form, 'input').find((e) => e.name === 'rr_budget')).toMatchObject({ default_value: '4000' });
    const text = cardText(form);
    expect(text).toContain('改动超过 2 天或预算增加超过 10% 需重新审批');
    expect(text).toContain('more than 2 days or raising the budget more than 10%');
  });
});

describe('the 改期 button on the reception card', () => {
  it('stands next to the cancel button once approved, and not while in approval (where it is always refused)', () => {
    expect(kinds({ status: 'pending' })).toEqual(['reception.cancel']);
    expect(kinds({ status: 'approved' })).toEqual(['reimb.start', 'reception.reschedule', 'reception.cancel']);
    expect(kinds({ status: 'reported' })).toEqual(['reimb.start']);
    expect(kinds({ status: 'cancelled', cancelReason: '客户改为线上会议' })).toEqual([]);
  });

  it('shows what a reschedule did, when told', () => {
    const c = receptionCard({ ...view, notice: i18n('已改期 2026-11-30 10:00 → 2026-12-01 14:30，在允许范围内，无需重新审批。', 'Moved; within the tolerance.') });
    expectValidCard(c);
    expect(cardText(c)).toContain('无需重新审批');
    expect(cardText(receptionCard(view))).not.toContain('已改期');
  });
});
