/**
 * Issue 15: admins change the department's settings by chat (`设置`): the card with the current
 * values and a form, or `设置 高价值阈值 500万`. Values are validated (a bad one changes nothing
 * and says why), each change is audited (who, when, old, new), others are refused in their
 * language, and the change takes effect: the high-value suggestion, the archive's completeness
 * and the tick's working hours read the stored setting.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { auditLog, customerTransactions, obligations, settings } from '../../db/schema/index.js';
import { CARD_MAX_BYTES } from '../../cards/validate.js';
import { closeObligation, openObligationFor } from '../../src/app/obligations/index.js';
import { APPROVAL_CENTRE_KEY, CALENDAR_SYNC_KEY, getSettings, settingIsOn, TASK_SYNC_KEY } from '../../src/app/settings.js';
import { DEFAULT_SETTINGS } from '../../src/domain/settings.js';
import { atZonedYmd, ymd } from '../../src/domain/time.js';
import { startHarness, type Harness } from '../support/harness.js';
import { button, cardsTo, click, json, lastArchive, newCustomer, say, textsTo } from './customer-helpers.js';
import { digestsSince, tickAt, TZ } from './deadlines-helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: '2026-11-08T16:00:00Z' }); // Mon 9 Nov, 00:00 Shanghai
});
afterAll(async () => h?.close());

const lastText = (who: string) => textsTo(h, who).at(-1) ?? '';
const settingAudits = () => h.db.db.select().from(auditLog).where(eq(auditLog.subjectType, 'setting')).orderBy(asc(auditLog.id));
const storedRows = async () => json(await h.db.db.select().from(settings).orderBy(asc(settings.key)));

describe('who may change settings', () => {
  it('others are refused in their language, and a forged save changes nothing', async () => {
    await say(h, 'ou_manager', '设置 高价值阈值 100万');
    expect(lastText('ou_manager')).toContain('仅限管理员');
    await say(h, 'ou_spec2', 'settings high-value 1000000');
    expect(lastText('ou_spec2')).toContain('administrators only');
    const forged = await click(h, 'ou_director', 'om_forged', { v: 1, k: 'settings.save' }, { set_highValueThreshold: '1' });
    expect(forged.toast?.type).toBe('error');
    expect(forged.toast?.i18n.zh_cn).toContain('只有管理员');
    expect(await settingAudits()).toEqual([]);
    expect((await getSettings(h.db.db)).highValueThreshold).toBe(DEFAULT_SETTINGS.highValueThreshold);
    // "设置 负责人" is the owner command, not settings: a manager is not told it is for admins.
    await say(h, 'ou_manager', '设置 负责人');
    expect(lastText('ou_manager')).not.toContain('仅限管理员');
  });
});

describe('设置 shows the card', () => {
  it('with every current value in a form and the defaults', async () => {
    await say(h, 'ou_admin', '设置');
    const card = cardsTo(h, 'ou_admin').at(-1)!;
    const text = json(card.content);
    for (const s of ['高值客户门槛', '话费限额', '档案必填字段', '上班时间', '回访截止日', '月报提醒日']) expect(text).toContain(s);
    expect(text).toContain('"default_value":"5000000"');
    expect(text).toContain('"default_value":"09:00"');
    expect(text).toContain('"default_value":"1,4"');
    expect(text).toContain('settings.save');
    expect(new TextEncoder().encode(text).length).toBeLessThan(CARD_MAX_BYTES);
  });
});

describe('the high-value threshold by chat', () => {
  it('a bad value changes nothing and says why; a good one is stored, audited and used by the archive', async () => {
    const before = await storedRows();
    await say(h, 'ou_admin', '设置 高价值阈值 很多');
    expect(lastText('ou_admin')).toContain('须为正的整数元');
    await say(h, 'ou_admin', '设置 高价值阈值 0');
    expect(lastText('ou_admin')).toContain('未做更改');
    await say(h, 'ou_admin', '设置 无此项 3');
    expect(lastText('ou_admin')).toContain('没有名为「无此项」的设置');
    await say(h, 'ou_admin', '设置 回访提醒日 9');
    expect(lastText('ou_admin')).toContain('回访提醒日须早于回访截止日');
    expect(await storedRows()).toBe(before);
    expect(await settingAudits()).toEqual([]);

    // ¥1.2M is no high-value customer under the default ¥5M…
    const row = await newCustomer(h, 'ou_spec1', '华东石化');
    await h.db.db.insert(customerTransactions).values({ customerId: row.id, date: '2026-11-02', amountFen: 120_000_000, recordedBy: 'ou_spec1', createdAt: h.clock.now() });
    await say(h, 'ou_spec1', '客户 华东石化');
    expect(json(lastArchive(h, 'ou_spec1').card)).not.toContain('建议设为高值客户');

    await say(h, 'ou_admin', '设置 高价值阈值 100万');
    expect(lastText('ou_admin')).toContain('已修改');
    expect(lastText('ou_admin')).toContain('¥5,000,000 → ¥1,000,000');
    const [audit] = await settingAudits();
    expect(audit).toMatchObject({ actorId: 'ou_admin', action: 'setting.change', subjectId: 'highValueThreshold', detail: { old: 5_000_000, new: 1_000_000 } });
    expect(audit!.at.toISOString()).toBe(h.clock.now().toISOString());
    // …under ¥1M it is.
    await say(h, 'ou_spec1', '客户 华东石化');
    expect(json(lastArchive(h, 'ou_spec1').card)).toContain('建议设为高值客户');
    // The same value again changes nothing and audits nothing.
    await say(h, 'ou_admin', 'settings highValueThreshold 1000000');
    expect(lastText('ou_admin')).toContain('设置没有变化');
    expect(await settingAudits()).toHaveLength(1);
  });
});

describe('the form', () => {
  it('a wrong field refuses the whole submit with the reasons; a good one saves each change with its audit', async () => {
    await say(h, 'ou_admin', '设置');
    const card = cardsTo(h, 'ou_admin').at(-1)!;
    const save = button(card.content, 'settings.save');
    const bad = await click(h, 'ou_admin', card.messageId, save, { set_phoneBillMonthlyLimit: '500', set_monthlyReportNudgeDays: '1,9', set_workdayStart: '25:00' });
    expect(bad.toast?.type).toBe('error');
    expect(bad.toast?.i18n.zh_cn).toContain('上班时间');
    expect(bad.toast?.i18n.en_us).toContain('Working hours start');
    const cross = await click(h, 'ou_admin', card.messageId, save, { set_phoneBillMonthlyLimit: '500', set_monthlyReportNudgeDays: '1,9' });
    expect(cross.toast?.i18n.zh_cn).toContain('月报提醒日须都早于月报截止日');
    expect((await getSettings(h.db.db)).phoneBillMonthlyLimit).toBe(300);
    expect(await settingAudits()).toHaveLength(1);

    const ok = await click(h, 'ou_admin', card.messageId, save, {
      set_highValueThreshold: '1000000', set_phoneBillMonthlyLimit: '500元', set_followUpNudgeDay: '4', set_followUpDueDay: '6',
      set_requiredArchiveFields: ['name', 'address', 'phone'],
    });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(json(ok.card)).toContain('¥300 → ¥500');
    expect(json(ok.card)).toContain('最近修改');
    expect(json(ok.card)).toContain('吴管理员');
    const s = await getSettings(h.db.db);
    expect(s).toMatchObject({ phoneBillMonthlyLimit: 500, followUpNudgeDay: 4, followUpDueDay: 6, requiredArchiveFields: ['name', 'address', 'phone'], highValueThreshold: 1_000_000 });
    const audits = await settingAudits();
    expect(audits.map((a) => a.subjectId).sort()).toEqual(['followUpDueDay', 'followUpNudgeDay', 'highValueThreshold', 'phoneBillMonthlyLimit', 'requiredArchiveFields'].sort());
    expect(audits.find((a) => a.subjectId === 'followUpDueDay')!.detail).toEqual({ old: 7, new: 6 });

    // The archive's completeness counts the three required fields now.
    await say(h, 'ou_spec1', '客户 华东石化');
    expect(json(lastArchive(h, 'ou_spec1').card)).toMatch(/（1\/3）/);
    // +字段 / -字段 by chat edit the list.
    await say(h, 'ou_admin', '设置 必填字段 +传真 -电话');
    expect((await getSettings(h.db.db)).requiredArchiveFields).toEqual(['name', 'address', 'fax']);
  });
});

describe('working hours', () => {
  it('a cross-field mistake is refused; new hours move when the tick sends reminders', async () => {
    const before = await storedRows();
    await say(h, 'ou_admin', '设置 工作时间 18:00-9:00');
    expect(lastText('ou_admin')).toContain('下班时间须晚于上班时间');
    await say(h, 'ou_admin', '设置 工作时间 九点到六点');
    expect(lastText('ou_admin')).toContain('9:00-18:00');
    expect(await storedRows(), 'a refused change writes nothing').toBe(before);
    await say(h, 'ou_admin', '设置 工作时间 10:00-19:00');
    expect(lastText('ou_admin')).toContain('09:00 → 10:00');
    const s = await getSettings(h.db.db);
    expect([s.workdayStart, s.workdayEnd]).toEqual(['10:00', '19:00']);

    // The first tick makes October's monthly-report duties; close them so only the visit record is due.
    await tickAt(h, '2026-11-09', '00:10');
    for (const id of ['ou_spec1', 'ou_spec2']) await closeObligation(h.db.db, 'monthly_report', { type: 'month', id: '2026-10' }, h.clock.now(), { ownerId: id });
    await h.db.db.transaction((tx) => openObligationFor(tx, TZ, {
      kind: 'visit_record', subjectType: 'visit', subjectId: 'v-hours', ownerId: 'ou_spec1', managerId: 'ou_manager',
      anchorAt: atZonedYmd('2026-11-06', TZ, 15), meta: { title: '华东石化', action: { k: 'visit.record', id: 'v-hours' } },
    }));
    let from = h.lark.sent().length;
    await tickAt(h, '2026-11-09', '09:30');
    expect(digestsSince(h, from).filter((d) => d.to === 'ou_spec1'), 'before the new start of the day').toEqual([]);
    from = h.lark.sent().length;
    await tickAt(h, '2026-11-09', '10:05');
    expect(digestsSince(h, from).filter((d) => d.to === 'ou_spec1')).toHaveLength(1);
    const [row] = await h.db.db.select().from(auditLog).where(and(eq(auditLog.subjectType, 'setting'), eq(auditLog.subjectId, 'workdayStart')));
    expect(row!.detail).toEqual({ old: '09:00', new: '10:00' });

    // The reminder days too: the form set the follow-up due on day 6, not 7.
    await h.db.db.transaction((tx) => openObligationFor(tx, TZ, {
      kind: 'follow_up', subjectType: 'visit', subjectId: 'v-days', ownerId: 'ou_spec1', managerId: 'ou_manager',
      anchorAt: atZonedYmd('2026-11-03', TZ, 15), meta: { title: '华东石化', action: { k: 'visit.followup', id: 'v-days' } },
    }));
    const [duty] = await h.db.db.select().from(obligations).where(eq(obligations.subjectId, 'v-days'));
    expect(ymd(duty!.dueAt, TZ)).toBe('2026-11-09');
  });
});

describe('the Feishu switches on the card', () => {
  /** The input of a setting on a card, by its form field. */
  const inputOf = (card: unknown, name: string): Record<string, unknown> | undefined => {
    if (Array.isArray(card)) return card.map((c) => inputOf(c, name)).find(Boolean);
    if (typeof card !== 'object' || card === null) return undefined;
    const o = card as Record<string, unknown>;
    return o.tag === 'input' && o.name === name ? o : inputOf(Object.values(o), name);
  };
  const switchRows = async () => json(await h.db.db.select().from(settings).where(inArray(settings.key, [CALENDAR_SYNC_KEY, TASK_SYNC_KEY, APPROVAL_CENTRE_KEY])).orderBy(asc(settings.key)));
  const switchAudits = async () => (await settingAudits()).filter((a) => ['taskSync', 'approvalCentre'].includes(a.subjectId));

  it('all three in one group; a bad value refuses the submit; 开 from the card does what typing it does', async () => {
    await say(h, 'ou_admin', '设置');
    const card = cardsTo(h, 'ou_admin').at(-1)!;
    const text = json(card.content);
    expect(text).toContain('飞书集成（开 / 关）');
    expect(text).toContain('Feishu integration (on / off)');
    for (const k of ['calendarSync', 'taskSync', 'approvalCentre']) expect(inputOf(card.content, `set_${k}`), k).toMatchObject({ default_value: '关' });
    expect(json(inputOf(card.content, 'set_taskSync')!.label)).toContain('拜访总结和回访同步为飞书任务');
    expect(json(inputOf(card.content, 'set_approvalCentre')!.label)).toContain('审批同步到飞书审批中心');
    const save = button(card.content, 'settings.save');

    const before = await storedRows();
    const audits = (await settingAudits()).length;
    const bad = await click(h, 'ou_admin', card.messageId, save, { set_calendarSync: '关', set_taskSync: '开', set_approvalCentre: '也许' });
    expect(bad.toast?.type).toBe('error');
    expect(bad.toast?.i18n.zh_cn).toContain('「审批同步到飞书审批中心」须为「开」或「关」（收到「也许」）');
    expect(bad.toast?.i18n.en_us).toContain('Requests in the Feishu approval centre must be "on" or "off"');
    expect(await storedRows(), 'a refused submit writes nothing, not even the good switch').toBe(before);
    expect(await settingAudits()).toHaveLength(audits);

    const ok = await click(h, 'ou_admin', card.messageId, save, { set_calendarSync: '关', set_taskSync: '开', set_approvalCentre: 'on' });
    expect(ok.toast?.type, ok.toast?.content).toBe('success');
    expect(json(ok.card)).toContain('拜访总结和回访同步为飞书任务: 关 → 开');
    expect(inputOf(ok.card, 'set_approvalCentre')).toMatchObject({ default_value: '开' });
    // What the transitions read before they queue a task or an approval-centre sync.
    expect([await settingIsOn(h.db.db, TASK_SYNC_KEY), await settingIsOn(h.db.db, APPROVAL_CENTRE_KEY), await settingIsOn(h.db.db, CALENDAR_SYNC_KEY)]).toEqual([true, true, false]);
    const fromCard = await switchRows();
    expect((await switchAudits()).map((a) => [a.subjectId, a.actorId, a.detail])).toEqual([
      ['taskSync', 'ou_admin', { old: false, new: true }],
      ['approvalCentre', 'ou_admin', { old: false, new: true }],
    ]);

    // Typed off and on again: the same rows as the card left, and the same audits.
    for (const t of ['设置 任务同步 关', '设置 审批中心同步 关', '设置 任务同步 开', '设置 审批中心同步 开']) {
      await say(h, 'ou_admin', t);
      expect(lastText('ou_admin'), t).toContain('已修改');
    }
    expect(await switchRows()).toBe(fromCard);
    expect((await switchAudits()).slice(-2).map((a) => [a.subjectId, a.actorId, a.detail])).toEqual([
      ['taskSync', 'ou_admin', { old: false, new: true }],
      ['approvalCentre', 'ou_admin', { old: false, new: true }],
    ]);
  });
});
