/**
 * Every box that takes an amount reads it with the one parser (src/domain/money.ts parseYuan):
 * the same realistic text gives the same fen in each, and each refuses zero, negative and
 * absurd amounts with its own words, as before the parser learnt "3千5" and full-width digits.
 */
import { describe, expect, it } from 'vitest';
import { readItems } from '../../src/app/reimbursement/submit.js';
import { readMoney } from '../../src/domain/card-form.js';
import { isDomainError } from '../../src/domain/errors.js';
import { i18n } from '../../src/domain/i18n.js';
import { parseBudgetAmount } from '../../src/domain/kpi/budgets.js';
import { checkTargetAmount } from '../../src/domain/kpi/targets.js';
import { parseSmallRequest } from '../../src/domain/requests/kinds.js';
import { DEFAULT_SETTINGS, parseSettingText } from '../../src/domain/settings.js';

/** The Chinese message `f` refuses with. */
const zh = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    if (isDomainError(e)) return e.userMessage.zh_cn;
    throw e;
  }
  throw new Error('not refused');
};

const BUDGET = i18n('预算', 'Budget');
const now = new Date('2026-11-20T02:00:00Z');
const tz = 'Asia/Shanghai';

// Text as people type it, and the fen every box reads from it.
const TYPED: [string, number][] = [
  ['86.5元', 8650],
  ['3.2万', 3_200_000],
  ['¥12,800', 1_280_000],
  ['3千5', 350_000],
  ['１２００', 120_000],
  ['1万2', 1_200_000],
];

describe('one amount reader for every box', () => {
  it.each(TYPED)('%j is %i fen in a plan budget, a claim, a service budget, a target and a phone bill', (text, fen) => {
    expect(readMoney({ vp_budget: text }, 'vp_budget', BUDGET)).toBe(fen);
    expect(readItems({ ri_item_1: '出租车', ri_amount_1: text })).toEqual([{ item: '出租车', amountFen: fen }]);
    expect(parseBudgetAmount(text)).toBe(fen);
    expect(checkTargetAmount(readMoney({ tg_amount: text }, 'tg_amount', BUDGET, { required: true, signed: true }))).toBe(fen);
    expect(parseSmallRequest('phone_bill', { month: '2026-11', amount: text }, now, tz).amount).toBe(fen);
  });

  it('a claim of 报销 出租车 86.5元 and 招待餐费 1.2万 totals ¥12,086.50', () => {
    const items = readItems({ ri_item_1: '出租车', ri_amount_1: '86.5元', ri_item_2: '招待餐费', ri_amount_2: '1.2万' });
    expect(items.reduce((s, it) => s + it.amountFen, 0)).toBe(1_208_650);
  });

  it('settings take whole yuan only, in any of the spellings', () => {
    expect(parseSettingText('highValueThreshold', '5百万', DEFAULT_SETTINGS)).toBe(5_000_000);
    expect(parseSettingText('highValueThreshold', '1.2亿', DEFAULT_SETTINGS)).toBe(120_000_000);
    expect(parseSettingText('phoneBillMonthlyLimit', '３００元', DEFAULT_SETTINGS)).toBe(300);
    expect(zh(() => parseSettingText('phoneBillMonthlyLimit', '86.5元', DEFAULT_SETTINGS))).toBe('「话费限额（元/人/月）」须为 0 到 100000 之间的整数元（收到「86.5元」），未做更改。');
    expect(zh(() => parseSettingText('highValueThreshold', '-5万', DEFAULT_SETTINGS))).toBe('「高值客户门槛（元）」须为正的整数元，如 500万（收到「-5万」），未做更改。');
    expect(zh(() => parseSettingText('phoneBillMonthlyLimit', '20万', DEFAULT_SETTINGS))).toContain('须为 0 到 100000 之间的整数元');
  });

  it('each refuses zero, negative, absurd and unreadable amounts in its own words', () => {
    // A visit or reception budget: blank is none, a minus is refused.
    expect(readMoney({ vp_budget: '' }, 'vp_budget', BUDGET)).toBeNull();
    expect(zh(() => readMoney({ vp_budget: '-3.2万' }, 'vp_budget', BUDGET))).toBe('「预算」不是有效金额，例如 3000 或 1.2万');
    expect(zh(() => readMoney({ vp_budget: '三千块' }, 'vp_budget', BUDGET))).toBe('「预算」不是有效金额，例如 3000 或 1.2万');
    // A claim line.
    for (const bad of ['0', '-86.5', '0.001', '两百']) {
      expect(zh(() => readItems({ ri_item_1: '出租车', ri_amount_1: bad }))).toBe(`「金额 1」「${bad}」不是有效金额，例如 350 或 1.2万`);
    }
    // A service budget.
    expect(zh(() => parseBudgetAmount('0元'))).toBe('「预算金额」须大于 0，未做更改。');
    expect(zh(() => parseBudgetAmount('-3千'))).toBe('「预算金额」须大于 0，未做更改。');
    expect(zh(() => parseBudgetAmount('1.5亿'))).toBe('「预算金额」¥150,000,000.00 超过上限 ¥100,000,000.00，请检查位数，未做更改。');
    expect(zh(() => parseBudgetAmount('五万'))).toBe('「预算金额」不是有效金额（收到「五万」），例如 5万 或 50000，未做更改。');
    // A sales target.
    const target = (t: string) => checkTargetAmount(readMoney({ tg_amount: t }, 'tg_amount', BUDGET, { required: true, signed: true }));
    expect(zh(() => target('0'))).toBe('销售指标必须是大于 0 的金额。');
    expect(zh(() => target('-120万'))).toBe('销售指标必须是大于 0 的金额。');
    expect(zh(() => target('20亿'))).toBe('销售指标 ¥2,000,000,000.00 超出合理范围（上限 ¥1,000,000,000.00），请检查是否多输了零。');
    // A phone bill.
    expect(zh(() => parseSmallRequest('phone_bill', { month: '2026-11', amount: '0' }, now, tz))).toBe('「话费金额（元）」必须大于 0');
    expect(zh(() => parseSmallRequest('phone_bill', { month: '2026-11', amount: '-86.5' }, now, tz))).toBe('「话费金额（元）」不是有效金额，例如 3000 或 1.2万');
  });
});
