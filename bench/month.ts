/**
 * npm run bench:month — a month of a 10-person department in the sandbox, counted in Lark API
 * calls (issue 13: Feishu's free edition allows 10,000 a month per tenant, shared by its apps).
 *
 * The world: a director (also the admin), two managers, an assistant, five specialists and
 * finance. The clock moves through December 2026 day by day, and on every working day the
 * script does what such a department does in the bot: specialists plan visits for the next
 * working day (some with a budget, so the chain runs manager → director → finance), approvers
 * press 同意 on their cards, the visit summary comes the day after by plain message and is
 * confirmed, the follow-up a week later, customers are looked up and the to-do list read. The
 * tick runs every 15 minutes from 08:00 to 21:00 company time, as node-cron would (it runs every
 * 5; the nudge ladder is once-only per step, so a finer tick only adds idle ticks).
 *
 * Everything goes through the real path: events posted encrypted and signed to the webhook,
 * the real SDK against the fake Lark, which counts every call as Feishu does. Printed: calls per
 * API from the bot's own count (lark_api_calls) and the fake's, the total against 10,000, and
 * how many of the script's steps did not get the answer they expected (must be 0).
 * Env: BENCH_MONTH (2026-12), BENCH_SETTINGS (JSON of settings to turn on, e.g.
 * {"calendarSync":"开","taskSync":"开","approvalCentre":"开"}: calendar, tasks and the approval centre).
 */
import { eq } from 'drizzle-orm';
import setup from '../test/global-setup.js';
import { startHarness, type Harness } from '../test/support/harness.js';
import { customers, larkApiCalls, visits } from '../db/schema/index.js';
import { tick } from '../src/scheduler/tick.js';
import { atZonedYmd } from '../src/domain/time.js';
import { isWorkingDay, addWorkingDays } from '../src/domain/calendar.js';
import type { OrgMember } from '../src/app/org-file.js';
import { buttonValue } from './lib/cards.js';

const MONTH = process.env.BENCH_MONTH ?? '2026-12';
const TZ = 'Asia/Shanghai';
type Json = Record<string, unknown>;

const ROSTER: OrgMember[] = [
  { openId: 'ou_director', name: '赵总监', role: 'director', managerId: null, locale: 'zh_cn' },
  { openId: 'ou_m1', name: '钱经理', role: 'manager', managerId: 'ou_director', locale: 'zh_cn' },
  { openId: 'ou_m2', name: '冯经理', role: 'manager', managerId: 'ou_director', locale: 'zh_cn' },
  { openId: 'ou_assistant', name: '孙内勤', role: 'assistant', managerId: 'ou_m1', locale: 'zh_cn' },
  { openId: 'ou_s1', name: '李明', role: 'specialist', managerId: 'ou_m1', locale: 'zh_cn' },
  { openId: 'ou_s2', name: '王芳', role: 'specialist', managerId: 'ou_m1', locale: 'zh_cn' },
  { openId: 'ou_s3', name: '张伟', role: 'specialist', managerId: 'ou_m1', locale: 'zh_cn' },
  { openId: 'ou_s4', name: '刘洋', role: 'specialist', managerId: 'ou_m2', locale: 'zh_cn' },
  { openId: 'ou_s5', name: 'Chen Jing', role: 'specialist', managerId: 'ou_m2', locale: 'en_us' },
  { openId: 'ou_finance', name: '周财务', role: 'finance', managerId: null, locale: 'zh_cn' },
];
const SPECIALISTS = ROSTER.filter((m) => m.role === 'specialist');
// Forty distinct customers: the bot refuses a name like one on file (suffixes aside), as it should.
const COMPANIES = [
  '华能集团', '大唐发电', '国电投', '三峡集团', '中广核', '国家电网', '南方电网', '中国石化', '中国石油', '中海油',
  '宝武钢铁', '鞍钢集团', '中国中车', '中联重科', '三一重工', '徐工机械', '潍柴动力', '海尔智家', '美的集团', '格力电器',
  '比亚迪', '宁德时代', '隆基绿能', '通威股份', '金风科技', '远景能源', '上海电气', '东方电气', '哈尔滨电气', '特变电工',
  '中国建材', '海螺水泥', '万华化学', '恒力石化', '荣盛石化', '紫金矿业', '江西铜业', '中国铝业', '山东能源', '陕煤集团',
];
const POINTS = [
  '介绍了新一代机组在线监测方案，客户关心数据接入和现场改造周期',
  '和设备部讨论了去年故障的复盘，客户希望我们提供季度巡检报告',
  '演示了移动端巡检应用，采购部在比较三家供应商的报价',
  '技术交流为主，客户对预测性维护的准确率有疑问，要求提供案例',
];
const FOLLOW_UPS = ['电话回访了一下，对方案很认可，满意度5分', '微信回访，客户说试用顺利，希望加一次培训，满意度4分', '电话回访，对报价还在考虑，满意度3分'];

class Script {
  misses: string[] = [];
  constructor(readonly h: Harness) {}

  miss(what: string): void {
    this.misses.push(`${this.h.clock.now().toISOString()} ${what}`);
  }

  async say(who: string, text: string, parentId?: string) {
    const before = this.h.lark.sent().length;
    const d = await this.h.sender.message(who, text, parentId ? { parentId } : {});
    if (d.status !== 200) this.miss(`${who} «${text.slice(0, 20)}»: HTTP ${d.status}`);
    await this.h.settle();
    return this.h.lark.sent().slice(before);
  }

  lastCard(who: string, k: string) {
    return this.h.lark.sent().filter((m) => m.receiverOpenId === who && m.msgType === 'interactive' && buttonValue(this.h.lark.messages.get(m.messageId)?.content ?? m.content, k)).at(-1);
  }

  async click(who: string, messageId: string, value: Json | undefined, formValue?: Json, expectToast = 'success') {
    if (!value) return this.miss(`${who}: no button to press`);
    const r = await this.h.sender.cardAction(who, messageId, value, formValue ? { formValue } : {});
    await this.h.settle();
    const body = r.body as { toast?: { type: string; content: string }; card?: { data: unknown } };
    if (r.status !== 200 || (body.toast && body.toast.type !== expectToast)) this.miss(`${who} ${String(value.k)}: ${r.status} ${body.toast?.type} ${body.toast?.content ?? ''}`);
    return body;
  }
}

async function main(): Promise<void> {
  const teardown = await setup();
  const [y, m] = MONTH.split('-').map(Number) as [number, number];
  const first = `${MONTH}-01`;
  const last = new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
  const h = await startHarness({ now: atZonedYmd(first, TZ, 8, 0).toISOString(), roster: ROSTER, env: { KAM_ADMINS: 'ou_director' } });
  const s = new Script(h);
  const t0 = performance.now();
  for (const [k, v] of Object.entries(JSON.parse(process.env.BENCH_SETTINGS ?? '{}') as Record<string, unknown>)) {
    await s.say('ou_director', `设置 ${k} ${String(v)}`);
  }

  // Eight customers each, created by chat on the first morning.
  const book = new Map<string, string[]>();
  let c = 0;
  for (const sp of SPECIALISTS) {
    const names: string[] = [];
    for (let i = 0; i < 8; i++, c++) {
      const name = `${COMPANIES[c % COMPANIES.length]}有限公司`;
      await s.say(sp.openId, `新客户 ${name}`);
      const [row] = await h.db.db.select().from(customers).where(eq(customers.name, name));
      if (!row) s.miss(`customer ${name} not created`);
      else {
        const archive = { ...(row.archive as Json), contacts: [{ name: '王总', buyerRoles: ['economic'] }, { name: '陈科长', buyerRoles: ['coach'] }] };
        await h.db.db.update(customers).set({ archive: archive as never }).where(eq(customers.id, row.id));
        names.push(name);
      }
    }
    book.set(sp.openId, names);
  }

  const planned: { who: string; customer: string; day: string; visitId: string; messageId: string }[] = [];
  const ticks = async (day: string, fromH: number, toH: number) => {
    for (let hh = fromH; hh < toH; hh++) {
      for (const mm of [0, 15, 30, 45]) {
        h.clock.set(atZonedYmd(day, TZ, hh, mm));
        await tick(h.deps, h.clock.now());
        await h.settle();
      }
    }
  };

  const pressed = new Set<string>();
  let dayIndex = 0;
  for (let d = new Date(`${first}T00:00:00Z`); d.toISOString().slice(0, 10) <= last; d.setUTCDate(d.getUTCDate() + 1)) {
    const day = d.toISOString().slice(0, 10);
    if (!isWorkingDay(day)) {
      await ticks(day, 8, 21);
      continue;
    }
    await ticks(day, 8, 9);
    h.clock.set(atZonedYmd(day, TZ, 9, 5));
    for (const [i, sp] of SPECIALISTS.entries()) {
      const who = sp.openId;
      if ((dayIndex + i) % 3 === 0) await s.say(who, sp.locale === 'en_us' ? 'todo' : '待办');
      const mine = book.get(who)!;
      await s.say(who, `客户 ${mine[(dayIndex + i) % mine.length]!.slice(0, 2)}`);

      // Yesterday's visits get their summary this morning.
      for (const p of planned.filter((x) => x.who === who && x.day < day && !x.messageId.startsWith('done:'))) {
        const out = await s.say(who, `拜访总结：今天在${p.customer}总部和采购部李经理面谈，${POINTS[dayIndex % POINTS.length]}。下一步：周五前发报价单。`, p.messageId);
        const confirm = out.filter((x) => x.msgType === 'interactive').at(-1);
        const v = confirm && (buttonValue(confirm.content, 'draft.confirm') ?? buttonValue(confirm.content, 'draft.attach', { s: p.visitId }));
        if (!confirm || !v) s.miss(`${who}: no summary confirm for ${p.customer}`);
        else if (v.k === 'draft.attach') {
          const shown = await s.click(who, confirm.messageId, v);
          await s.click(who, confirm.messageId, buttonValue((shown?.card as { data?: unknown } | undefined)?.data, 'draft.confirm'));
        } else await s.click(who, confirm.messageId, v);
        p.messageId = `done:${p.messageId}`;
      }
      // The follow-up, a week after the visit.
      for (const p of planned.filter((x) => x.who === who && x.messageId.startsWith('done:') && addWorkingDays(x.day, 5) === day)) {
        const out = await s.say(who, `回访 ${p.customer.replace("有限公司", "")} ${FOLLOW_UPS[dayIndex % FOLLOW_UPS.length]}`);
        const confirm = out.filter((x) => x.msgType === 'interactive').at(-1);
        await s.click(who, confirm?.messageId ?? '', confirm && buttonValue(confirm.content, 'draft.confirm'));
      }
      // A visit planned for the next working day, about every other day; every third with a budget.
      if ((dayIndex + i) % 2 === 0 && day < last) {
        const customer = mine[(dayIndex * 3 + i) % mine.length]!;
        const next = addWorkingDays(day, 1);
        await s.say(who, `拜访 ${customer}`);
        const form = s.lastCard(who, 'visit.submit');
        if (!form) {
          s.miss(`${who}: no plan form for ${customer}`);
          continue;
        }
        const budget = (dayIndex + i) % 6 === 0;
        await s.click(who, form.messageId, buttonValue(form.content, 'visit.submit'), {
          vp_at: `${next} 14:30 +0800`,
          vp_place: `${customer}总部会议室`,
          vp_purpose: '介绍新一代机组监测方案，确认采购时间表',
          vp_attendees: budget ? [ROSTER.find((x) => x.openId === sp.managerId)!.openId] : [],
          vp_contacts: ['0', '1'],
          vp_first: 'phone',
          ...(budget ? { vp_budget: '1500' } : {}),
        });
        const [row] = await h.db.db.select().from(visits).where(eq(visits.formMessageId, form.messageId));
        if (!row) s.miss(`${who}: visit to ${customer} not filed`);
        else planned.push({ who, customer, day: next, visitId: row.id, messageId: form.messageId });
      }
    }
    // Approvers go through their cards before lunch; a chain's next step waits for the next pass.
    h.clock.set(atZonedYmd(day, TZ, 11, 0));
    for (let pass = 0; pass < 3; pass++) {
      for (const who of ['ou_m1', 'ou_m2', 'ou_director', 'ou_finance']) {
        const pending = h.lark.sent().filter((x) => x.receiverOpenId === who && x.msgType === 'interactive' && buttonValue(h.lark.messages.get(x.messageId)?.content, 'approval.decide', { d: 'approve' }));
        // A card answered by the click's own reply is not patched in the fake: remember what was pressed.
        for (const card of pending.filter((x) => !pressed.has(x.messageId))) pressed.add(card.messageId), await s.click(who, card.messageId, buttonValue(h.lark.messages.get(card.messageId)?.content, 'approval.decide', { d: 'approve' }));
      }
    }
    await ticks(day, 11, 21);
    dayIndex++;
  }

  const counted = Object.fromEntries((await h.db.db.select().from(larkApiCalls).where(eq(larkApiCalls.month, MONTH))).map((r) => [r.api, r.calls]));
  const total = Object.values(counted).reduce((a, b) => a + b, 0);
  const all = await h.db.db.select().from(visits);
  const recorded = all.filter((v) => v.status === 'recorded').length;
  const followedUp = all.filter((v) => v.followUp).length;
  console.log(`\n${MONTH}: ${ROSTER.length} people, ${planned.length} visits planned and approved, ${recorded} summaries, ${followedUp} follow-ups, ${(performance.now() - t0) / 1000 | 0} s`);
  console.log('| API | calls |\n|---|---|');
  for (const [api, n] of Object.entries(counted).sort((a, b) => b[1] - a[1])) console.log(`| ${api} | ${n} |`);
  console.log(`| **total** | **${total}** (${((total / 10_000) * 100).toFixed(1)}% of 10,000; the fake counted ${h.lark.quota.used}) |`);
  console.log(`steps without the expected answer: ${s.misses.length}`);
  for (const x of s.misses.slice(0, 20)) console.log(`  ${x}`);
  await h.close();
  await teardown?.();
  if (s.misses.length) process.exitCode = 1;
}

await main();
