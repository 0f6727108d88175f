/**
 * The demo department's customers and a week of history, so every README example works on a
 * fresh sandbox: 刘洋 owns 中国华能集团 (the first archive, KA-<year>-0001) with an approved visit
 * yesterday still waiting for its summary (报销 华能 is refused until it comes), and 上海申能集团
 * visited five days ago with its record in and the follow-up due (回访 …); 陈静's plan for
 * 中国石化上海分公司 waits for 李娜 (待审批). Everything goes through the real use cases at the
 * times it would have happened, so approvals, cards, audit and reminders are what they would be.
 */
import { eq, gt, max } from 'drizzle-orm';
import { customers, outbox } from '../../db/schema/index.js';
import type { Tx } from '../../db/client.js';
import type { Deps } from '../app/deps.js';
import { createCustomer } from '../app/customer/create.js';
import { decideRequest } from '../app/approval/decide.js';
import { submitVisitPlan } from '../app/visit/submit-plan.js';
import { confirmVisitRecord } from '../app/visit/confirm-record.js';
import { getMember } from '../app/roster.js';
import { recordTransaction } from '../app/customer/record-transaction.js';
import { setTargetFromForm } from '../app/kpi/targets.js';
import { periodKey, periodOf, periodRange, previousPeriod } from '../domain/kpi/period.js';
import type { Archive } from '../domain/customer/archive.js';
import type { Member } from '../domain/roster.js';
import { addDaysYmd, atZonedYmd, formatDateTime, ymd } from '../domain/time.js';

const HOUR = 3600_000;

const member = async (tx: Tx, openId: string): Promise<Member> => {
  const m = await getMember(tx, openId);
  if (!m) throw new Error(`demo member ${openId} is not on the roster`);
  return m;
};

async function customer(tx: Tx, deps: Deps, now: Date, ownerId: string, name: string, contacts: Archive['contacts'] = []): Promise<string> {
  const r = await createCustomer(tx, { name, actor: await member(tx, ownerId), force: true }, { deps, now });
  if (!('created' in r)) throw new Error(`demo customer ${name} not created`);
  if (contacts.length) {
    const [row] = await tx.select({ archive: customers.archive }).from(customers).where(eq(customers.id, r.created.id));
    await tx.update(customers).set({ archive: { ...(row!.archive as Archive), contacts } }).where(eq(customers.id, r.created.id));
  }
  return r.created.id;
}

/** A visit plan filed at `filedAt` for `at`, then approved step by step by `approvers`. */
async function visit(
  tx: Tx,
  deps: Deps,
  o: { ownerId: string; customerId: string; filedAt: Date; at: Date; place: string; purpose: string; budget: string; approvers: string[] },
): Promise<string> {
  const tz = deps.config.timeZone;
  const form = { vp_at: formatDateTime(o.at, tz), vp_place: o.place, vp_purpose: o.purpose, vp_contacts: ['0', '1'], vp_first: 'phone', vp_budget: o.budget };
  const { visitId, requestId } = await submitVisitPlan(tx, { customerId: o.customerId, form, actor: await member(tx, o.ownerId), formMessageId: null }, { deps, now: o.filedAt });
  let t = o.filedAt.getTime();
  for (const [i, approver] of o.approvers.entries()) {
    t += 2 * HOUR;
    await decideRequest(tx, { requestId, actor: await member(tx, approver), action: { type: 'approve', stepIndex: i, comment: null } }, { deps, now: new Date(t) });
  }
  return visitId;
}

/**
 * Nine months of deals and this and last quarter's targets, so 绩效 on a fresh sandbox shows
 * figures, a trend and charts rather than a page of zeros. The amounts vary by customer and
 * month (a fixed pattern, not random: every sandbox shows the same story).
 */
async function salesHistory(tx: Tx, deps: Deps, now: Date, accounts: readonly { id: string; ownerId: string; base: number }[]): Promise<void> {
  const tz = deps.config.timeZone;
  const today = ymd(now, tz);
  for (const [i, a] of accounts.entries()) {
    const owner = await member(tx, a.ownerId);
    for (let m = 9; m >= 0; m--) {
      if ((m + i) % 3 === 2) continue; // not every customer buys every month
      const date = addDaysYmd(today, -30 * m - 3 - i);
      if (date > today) continue;
      const amount = Math.round(a.base * (1 + ((m * 7 + i * 3) % 5) / 4));
      await recordTransaction(tx, { customerId: a.id, actor: owner, values: { tx_amount: String(amount), tx_date: date, tx_place: '上海', tx_breach: 'no' } }, { now, timeZone: tz, ids: deps.ids });
    }
  }
  const manager = await member(tx, 'ou_demo_lina');
  const quarter = periodOf('quarter', now, tz);
  const specialists = [...new Set(accounts.map((a) => a.ownerId))];
  for (const [i, specialistId] of specialists.entries()) {
    const amount = [1_800_000, 1_200_000, 900_000, 600_000][i % 4]!;
    // Last quarter's target was set while it ran (an ended period can no longer be set).
    const last = previousPeriod(quarter);
    await setTargetFromForm(tx, manager, { tg_specialist: specialistId, tg_period: periodKey(last), tg_amount: String(amount) }, { deps, now: new Date(periodRange(last, tz).start.getTime() + 86_400_000) });
    await setTargetFromForm(tx, manager, { tg_specialist: specialistId, tg_period: periodKey(quarter), tg_amount: String(Math.round(amount * 1.1)) }, { deps, now });
  }
}

const BUYERS = (economic: string, coach: string): Archive['contacts'] => [
  { name: economic, position: '总经理', buyerRoles: ['economic'] },
  { name: coach, position: '采购部科长', buyerRoles: ['coach'] },
] as Archive['contacts'];

/** Seeds the demo customers and their history; `now` is the sandbox clock's time. */
export async function seedDemoCustomers(deps: Deps, now: Date): Promise<void> {
  const tz = deps.config.timeZone;
  // Office hours on the days around today, so the history reads like a real week.
  const day = (offset: number, hour: number, minute = 0) => atZonedYmd(addDaysYmd(ymd(now, tz), offset), tz, hour, minute);
  await deps.db.transaction(async (tx) => {
    // The history is in the records; the cards it sent on the way (each approver's copy, in its
    // state at the time) are not delivered: chats start empty, and 待审批 / 我的申请 show where
    // things stand, as they would to someone joining this week.
    const [mark] = await tx.select({ id: max(outbox.id) }).from(outbox);
    // 华能 first: the README's 客户 KA-<year>-0001.
    const huaneng = await customer(tx, deps, day(-30, 10), 'ou_demo_liuyang', '中国华能集团', BUYERS('王总', '陈科长'));
    const shenergy = await customer(tx, deps, day(-28, 10), 'ou_demo_liuyang', '上海申能集团', BUYERS('王总', '刘科长'));
    const sinopec = await customer(tx, deps, day(-25, 11), 'ou_demo_chenjing', '中国石化上海分公司', BUYERS('赵总', '孙科长'));
    const grid = await customer(tx, deps, day(-20, 15), 'ou_demo_yangfan', '国家电网华东分部');
    const baosteel = await customer(tx, deps, day(-15, 16), 'ou_demo_zhaolei', '宝山钢铁股份有限公司');

    const chain = ['ou_demo_lina', 'ou_demo_wangjianguo', 'ou_demo_zhouli'];
    // 申能: visited five days ago, the record in the same evening; the follow-up is due this week.
    const done = await visit(tx, deps, {
      ownerId: 'ou_demo_liuyang', customerId: shenergy, filedAt: day(-8, 10), at: day(-5, 10), place: '申能大厦 18 楼会议室',
      purpose: '介绍储能监测方案，了解明年采购计划', budget: '1500', approvers: chain,
    });
    await confirmVisitRecord(
      tx,
      {
        visitId: done,
        actor: await member(tx, 'ou_demo_liuyang'),
        record: {
          time: day(-5, 10).toISOString(), place: '申能大厦 18 楼会议室', method: 'in_person',
          points: '介绍了储能监测方案和两个电厂的案例；王总关心实施周期和售后响应时间。', customerView: '对方案有兴趣，但希望价格再优惠一些。',
          nextSteps: '一周内电话回访王总，提交分期付款报价。', nextVisitAt: null, nextVisitText: null, outcome: 'success', failureReason: null,
        },
      },
      { deps, now: day(-5, 18) },
    );
    // 华能: visited yesterday, no summary yet (so 报销 华能 is refused until it comes).
    await visit(tx, deps, {
      ownerId: 'ou_demo_liuyang', customerId: huaneng, filedAt: day(-3, 10), at: day(-1, 14, 30), place: '华能总部 12 楼会议室',
      purpose: '介绍新一代机组监测方案，确认采购时间表', budget: '3000', approvers: chain,
    });
    // 石化: 陈静's plan for next week, waiting for 李娜.
    await visit(tx, deps, {
      ownerId: 'ou_demo_chenjing', customerId: sinopec, filedAt: new Date(now.getTime() - HOUR), at: day(5, 10), place: '石化上海分公司办公楼',
      purpose: '首次拜访，了解设备更新需求', budget: '0', approvers: [],
    });
    await salesHistory(tx, deps, now, [
      { id: huaneng, ownerId: 'ou_demo_liuyang', base: 320_000 },
      { id: shenergy, ownerId: 'ou_demo_liuyang', base: 180_000 },
      { id: sinopec, ownerId: 'ou_demo_chenjing', base: 260_000 },
      { id: grid, ownerId: 'ou_demo_yangfan', base: 210_000 },
      { id: baosteel, ownerId: 'ou_demo_zhaolei', base: 150_000 },
    ]);
    await tx.delete(outbox).where(gt(outbox.id, mark?.id ?? 0));
  });
}
