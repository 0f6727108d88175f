/**
 * The department settings an admin may change by chat (`设置`, issue 15): the high-value
 * threshold, the phone-bill limit, the required archive fields, working hours and the reminder
 * days and hours. Pure: the defaults, what each value may be (zod), reading what people type
 * ("500万", "9:00-18:00", "1、4"), and the rules that span fields.
 */
import { z } from 'zod';
import { DEFAULT_REQUIRED_FIELDS } from './customer/completeness.js';
import { HIGH_VALUE_THRESHOLD_FEN } from './customer/categories.js';
import { FIELD_KEYS, fieldLabel, isFieldKey, type FieldKey } from './customer/labels.js';
import { DomainError } from './errors.js';
import { i18n, type I18nText } from './i18n.js';
import { parseYuan } from './money.js';
import { DEFAULT_REMINDER_SETTINGS, resolveReminderSettings, type ReminderSettings } from './reminders/settings.js';

/** The reminder fields admins may change here (the time zone and holiday policy stay in config). */
export const REMINDER_SETTING_KEYS = [
  'workdayStart', 'workdayEnd', 'recordEveningAt', 'recordEscalateAfterDays', 'followUpNudgeDay', 'followUpDueDay',
  'monthlyReportDueDay', 'monthlyReportNudgeDays', 'approvalNudgeAfterWorkingDays', 'approvalEscalateAfterWorkingDays',
  'tripCheckinDeadline', 'monthlyTravelDaysMin',
] as const satisfies readonly (keyof ReminderSettings)[];
export type ReminderSettingKey = (typeof REMINDER_SETTING_KEYS)[number];

/** The standard answer times the timeliness KPIs judge by (hours; stored with each item when it is raised). */
export const ANSWER_STANDARD_KEYS = ['questionAnswerHours', 'feedbackAnswerHours'] as const;
export type AnswerStandardKey = (typeof ANSWER_STANDARD_KEYS)[number];

export const SETTING_KEYS = ['highValueThreshold', 'phoneBillMonthlyLimit', 'requiredArchiveFields', ...ANSWER_STANDARD_KEYS, ...REMINDER_SETTING_KEYS, 'calendarSync', 'taskSync', 'approvalCentre'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

export type Settings = {
  /** Yuan: transactions over the last 12 months above this suggest the high-value category. */
  highValueThreshold: number;
  /** Yuan per person per month: a phone bill up to it needs no approval. */
  phoneBillMonthlyLimit: number;
  /** What the archive completeness score counts. */
  requiredArchiveFields: FieldKey[];
  /** Approved visits and receptions become events on the bot's Feishu calendar (each costs a few API calls). */
  calendarSync: boolean;
  /** A visit's record and follow-up become Feishu tasks (task/v2) of the visitor's (a few API calls each). */
  taskSync: boolean;
  /** Every request is shown in Feishu's approval centre (审批中心 待办), kept true on each transition (a call or two each). */
  approvalCentre: boolean;
  /** Hours within which a customer's question counts as answered on time (解答客户问题的及时性). */
  questionAnswerHours: number;
  /** Hours within which customer feedback counts as given on time (意见反馈及时率). */
  feedbackAnswerHours: number;
} & Pick<ReminderSettings, ReminderSettingKey>;

/** No source rule gives a phone-bill limit; 300 yuan a month is a common company allowance. */
export const PHONE_BILL_MONTHLY_LIMIT_DEFAULT = 300;
/**
 * The source names a standard time for both but gives none: a working day for a question
 * (which the KPI applied before this was a setting), two days for feedback, which often needs
 * someone else's answer first.
 */
export const QUESTION_ANSWER_HOURS_DEFAULT = 24;
export const FEEDBACK_ANSWER_HOURS_DEFAULT = 48;

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  highValueThreshold: HIGH_VALUE_THRESHOLD_FEN / 100,
  phoneBillMonthlyLimit: PHONE_BILL_MONTHLY_LIMIT_DEFAULT,
  requiredArchiveFields: [...DEFAULT_REQUIRED_FIELDS],
  questionAnswerHours: QUESTION_ANSWER_HOURS_DEFAULT,
  feedbackAnswerHours: FEEDBACK_ANSWER_HOURS_DEFAULT,
  ...Object.fromEntries(REMINDER_SETTING_KEYS.map((k) => [k, DEFAULT_REMINDER_SETTINGS[k]])),
  calendarSync: false,
  taskSync: false,
  approvalCentre: false,
} as Settings);

export const SETTING_LABEL: Record<SettingKey, I18nText> = {
  highValueThreshold: i18n('高值客户门槛（元）', 'High-value threshold (yuan)'),
  phoneBillMonthlyLimit: i18n('话费限额（元/人/月）', 'Phone-bill limit (yuan per person per month)'),
  requiredArchiveFields: i18n('档案必填字段', 'Required archive fields'),
  questionAnswerHours: i18n('客户问题解答时限（小时）', 'Customer questions: answer within (hours)'),
  feedbackAnswerHours: i18n('意见反馈时限（小时）', 'Customer feedback: answer within (hours)'),
  workdayStart: i18n('上班时间', 'Working hours start'),
  workdayEnd: i18n('下班时间', 'Working hours end'),
  recordEveningAt: i18n('拜访当晚提醒时间', 'Visit-day evening reminder'),
  recordEscalateAfterDays: i18n('总结未交告知经理（天）', 'Missing record: tell the manager after (days)'),
  followUpNudgeDay: i18n('回访提醒日（拜访后第几天）', 'Follow-up reminder (day after the visit)'),
  followUpDueDay: i18n('回访截止日（拜访后第几天）', 'Follow-up due (day after the visit)'),
  monthlyReportDueDay: i18n('月报截止日（每月几号）', 'Monthly report due (day of month)'),
  monthlyReportNudgeDays: i18n('月报提醒日（每月几号）', 'Monthly report reminders (days of month)'),
  approvalNudgeAfterWorkingDays: i18n('审批提醒（工作日）', 'Approval reminder after (working days)'),
  approvalEscalateAfterWorkingDays: i18n('审批告知上级（工作日）', 'Approval escalated after (working days)'),
  tripCheckinDeadline: i18n('出差报备截止时间', 'Trip check-in deadline'),
  monthlyTravelDaysMin: i18n('每月出差天数下限', 'Monthly travel days minimum'),
  calendarSync: i18n('拜访和接待同步到飞书日历', 'Visits and receptions in the Feishu calendar'),
  taskSync: i18n('拜访总结和回访同步为飞书任务', 'Visit summaries and follow-ups as Feishu tasks'),
  approvalCentre: i18n('审批同步到飞书审批中心', 'Requests in the Feishu approval centre'),
};

/** What people may type after `设置` to name a setting (besides its key). */
const ALIASES: [RegExp, SettingKey | 'workingHours'][] = [
  [/^(高价值阈值|高值阈值|高值客户门槛|高值门槛|高值|high-?value(-?threshold)?)$/i, 'highValueThreshold'],
  [/^(话费限额|话费上限|话费额度|话费|phone-?bill(-?limit)?)$/i, 'phoneBillMonthlyLimit'],
  [/^(必填字段|档案必填字段|必填项|档案必填项|required(-?fields)?)$/i, 'requiredArchiveFields'],
  [/^(问题解答时限|解答时限|问题时限|解答标准时间|question-?hours)$/i, 'questionAnswerHours'],
  [/^(意见反馈时限|反馈时限|反馈标准时间|feedback-?hours)$/i, 'feedbackAnswerHours'],
  [/^(工作时间|working-?hours|hours)$/i, 'workingHours'],
  [/^(上班时间|start)$/i, 'workdayStart'],
  [/^(下班时间|end)$/i, 'workdayEnd'],
  [/^(当晚提醒|当晚提醒时间|拜访当晚提醒时间|evening)$/i, 'recordEveningAt'],
  [/^(总结上报|总结上报天数|总结未交告知经理)$/i, 'recordEscalateAfterDays'],
  [/^(回访提醒日|回访提醒)$/i, 'followUpNudgeDay'],
  [/^(回访截止日|回访截止)$/i, 'followUpDueDay'],
  [/^(月报截止日|月报截止)$/i, 'monthlyReportDueDay'],
  [/^(月报提醒日|月报提醒)$/i, 'monthlyReportNudgeDays'],
  [/^(审批提醒|审批提醒天数)$/i, 'approvalNudgeAfterWorkingDays'],
  [/^(审批上报|审批告知上级|审批上报天数)$/i, 'approvalEscalateAfterWorkingDays'],
  [/^(报备截止|报备截止时间|出差报备截止时间|check-?in)$/i, 'tripCheckinDeadline'],
  [/^(出差天数下限|出差天数|travel-?days)$/i, 'monthlyTravelDaysMin'],
  [/^(日历同步|同步日历|飞书日历|日历|calendar(-?sync)?)$/i, 'calendarSync'],
  [/^(任务同步|同步任务|飞书任务|任务|tasks?(-?sync)?)$/i, 'taskSync'],
  [/^(审批中心同步|审批中心|同步审批中心|飞书审批中心|approval-?cent(re|er))$/i, 'approvalCentre'],
];

/** The setting a word names (its key, case-insensitive, or a Chinese or English alias). */
export function settingNamed(word: string): SettingKey | 'workingHours' | null {
  const w = word.trim();
  const byKey = SETTING_KEYS.find((k) => k.toLowerCase() === w.toLowerCase());
  if (byKey) return byKey;
  return ALIASES.find(([re]) => re.test(w))?.[1] ?? null;
}

const CLOCK_RE = /^([01]\d|2[0-3]):([0-5]\d)$/;
const clock = z.string().regex(CLOCK_RE);
const wholeYuan = (max: number) => z.number().int().min(0).max(max);

/** What each value may be; the reminder rules across fields are checked by resolveReminderSettings. */
export const SETTING_SCHEMA: { [K in SettingKey]: z.ZodType<Settings[K]> } = {
  highValueThreshold: wholeYuan(100_000_000_000).min(1),
  phoneBillMonthlyLimit: wholeYuan(100_000),
  requiredArchiveFields: z.array(z.string().refine(isFieldKey)).min(1).max(FIELD_KEYS.length) as unknown as z.ZodType<FieldKey[]>,
  // At most a month: a longer "standard" would make every answer on time.
  questionAnswerHours: z.number().int().min(1).max(720),
  feedbackAnswerHours: z.number().int().min(1).max(720),
  workdayStart: clock,
  workdayEnd: clock,
  recordEveningAt: clock,
  recordEscalateAfterDays: z.number().int().min(1).max(30),
  followUpNudgeDay: z.number().int().min(1).max(60),
  followUpDueDay: z.number().int().min(1).max(60),
  monthlyReportDueDay: z.number().int().min(1).max(28),
  monthlyReportNudgeDays: z.array(z.number().int().min(1).max(28)).max(10),
  approvalNudgeAfterWorkingDays: z.number().int().min(1).max(30),
  approvalEscalateAfterWorkingDays: z.number().int().min(1).max(30),
  tripCheckinDeadline: clock,
  monthlyTravelDaysMin: z.number().int().min(0).max(31),
  calendarSync: z.boolean(),
  taskSync: z.boolean(),
  approvalCentre: z.boolean(),
};

/** The range or shape each value must have, said to the admin when a value is refused. */
const RULE: Record<SettingKey, I18nText> = {
  highValueThreshold: i18n('须为正的整数元，如 500万', 'must be a positive whole number of yuan, e.g. 5000000'),
  phoneBillMonthlyLimit: i18n('须为 0 到 100000 之间的整数元', 'must be a whole number of yuan from 0 to 100000'),
  requiredArchiveFields: i18n('须为档案字段名，用顿号或逗号分隔（可用 +字段 / -字段 增删）', 'must be archive field names separated by commas (or +field / -field)'),
  questionAnswerHours: i18n('须为 1 到 720 小时的整数', 'must be a whole number of hours from 1 to 720'),
  feedbackAnswerHours: i18n('须为 1 到 720 小时的整数', 'must be a whole number of hours from 1 to 720'),
  workdayStart: i18n('须为 24 小时制时间，如 09:00', 'must be a 24-hour time such as 09:00'),
  workdayEnd: i18n('须为 24 小时制时间，如 18:00', 'must be a 24-hour time such as 18:00'),
  recordEveningAt: i18n('须为 24 小时制时间，如 18:00', 'must be a 24-hour time such as 18:00'),
  recordEscalateAfterDays: i18n('须为 1 到 30 天', 'must be 1 to 30 days'),
  followUpNudgeDay: i18n('须为 1 到 60', 'must be 1 to 60'),
  followUpDueDay: i18n('须为 1 到 60', 'must be 1 to 60'),
  monthlyReportDueDay: i18n('须为 1 到 28 号', 'must be a day from 1 to 28'),
  monthlyReportNudgeDays: i18n('须为 1 到 28 号，用顿号或逗号分隔，如 1、4', 'must be days from 1 to 28 separated by commas, e.g. 1, 4'),
  approvalNudgeAfterWorkingDays: i18n('须为 1 到 30 个工作日', 'must be 1 to 30 working days'),
  approvalEscalateAfterWorkingDays: i18n('须为 1 到 30 个工作日', 'must be 1 to 30 working days'),
  tripCheckinDeadline: i18n('须为 24 小时制时间，如 18:00', 'must be a 24-hour time such as 18:00'),
  monthlyTravelDaysMin: i18n('须为 0 到 31 天', 'must be 0 to 31 days'),
  calendarSync: i18n('须为「开」或「关」', 'must be "on" or "off"'),
  taskSync: i18n('须为「开」或「关」', 'must be "on" or "off"'),
  approvalCentre: i18n('须为「开」或「关」', 'must be "on" or "off"'),
};

export const invalidSetting = (key: SettingKey, given?: string): DomainError => {
  const l = SETTING_LABEL[key];
  const got = given === undefined ? '' : `（收到「${given.slice(0, 40)}」）`;
  const gotEn = given === undefined ? '' : ` (got "${given.slice(0, 40)}")`;
  return new DomainError('VALIDATION', i18n(`「${l.zh_cn}」${RULE[key].zh_cn}${got}，未做更改。`, `${l.en_us} ${RULE[key].en_us}${gotEn}; nothing was changed.`), { key });
};

/** "9:00", "9点", "09：30" → "09:00"/"09:30"; null when not a time of day. */
export function parseClockText(text: string): string | null {
  const m = /^(\d{1,2})\s*(?:[:：点时]\s*(\d{2})?\s*分?)?$/.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = m[2] === undefined ? 0 : Number(m[2]);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

const SEP = /[\s,，、;；]+/;
const ON_WORDS = /^(开|开启|打开|启用|是|on|yes|true|enabled?)$/i;
const OFF_WORDS = /^(关|关闭|停用|否|off|no|false|disabled?)$/i;

/** Archive fields by key or label (Chinese or English, as the completeness line shows them). */
function fieldNamed(word: string): FieldKey | null {
  const w = word.trim().toLowerCase();
  return FIELD_KEYS.find((k) => k.toLowerCase() === w || fieldLabel(k).zh_cn.toLowerCase() === w || fieldLabel(k).en_us.toLowerCase() === w) ?? null;
}

/**
 * What an admin typed for a setting, as its value; `current` lets `+字段` / `-字段` edit the
 * required list. Throws a VALIDATION DomainError saying what the value must be.
 */
export function parseSettingText<K extends SettingKey>(key: K, text: string, current: Settings): Settings[K] {
  const t = text.trim();
  const bad = () => invalidSetting(key, t);
  let value: unknown;
  switch (key) {
    case 'highValueThreshold':
    case 'phoneBillMonthlyLimit': {
      const fen = parseYuan(t);
      if (fen === null || fen % 100 !== 0) throw bad();
      value = fen / 100;
      break;
    }
    case 'requiredArchiveFields': {
      const words = t.split(SEP).filter(Boolean);
      if (!words.length) throw bad();
      const edits = words.every((w) => /^[+＋\-－]/.test(w));
      const list = new Set<FieldKey>(edits ? current.requiredArchiveFields : []);
      for (const w of words) {
        const sign = /^[+＋\-－]/.test(w) ? w[0] : '';
        const f = fieldNamed(sign ? w.slice(1) : w);
        if (!f) {
          throw new DomainError('VALIDATION', i18n(`没有名为「${w.slice(0, 30)}」的档案字段，未做更改。`, `There is no archive field called "${w.slice(0, 30)}"; nothing was changed.`), { key });
        }
        if (sign === '-' || sign === '－') list.delete(f);
        else list.add(f);
      }
      value = FIELD_KEYS.filter((k) => list.has(k));
      break;
    }
    case 'workdayStart':
    case 'workdayEnd':
    case 'recordEveningAt':
    case 'tripCheckinDeadline':
      value = parseClockText(t);
      break;
    case 'calendarSync':
    case 'taskSync':
    case 'approvalCentre':
      value = ON_WORDS.test(t) ? true : OFF_WORDS.test(t) ? false : null;
      break;
    case 'questionAnswerHours':
    case 'feedbackAnswerHours': {
      // "48", "48小时", "48h", or days: "2天"
      const m = /^(\d+)\s*(小时|个小时|h|hours?|天|days?)?$/i.exec(t);
      value = m ? Number(m[1]) * (m[2] && /^(天|day)/i.test(m[2]) ? 24 : 1) : NaN;
      break;
    }
    case 'monthlyReportNudgeDays':
      value = t.replace(/号|日/g, '').split(SEP).filter(Boolean).map((d) => (/^\d+$/.test(d) ? Number(d) : NaN));
      break;
    default:
      value = /^\d+$/.test(t.replace(/天|个工作日|工作日|号|日/g, '')) ? Number(t.replace(/天|个工作日|工作日|号|日/g, '')) : NaN;
  }
  const parsed = SETTING_SCHEMA[key].safeParse(value);
  if (!parsed.success) throw bad();
  return parsed.data;
}

/** A value as the settings card and the replies show it. */
export function settingText<K extends SettingKey>(key: K, value: Settings[K]): I18nText {
  if (key === 'highValueThreshold' || key === 'phoneBillMonthlyLimit') {
    const n = (value as number).toLocaleString('en-US');
    return i18n(`¥${n}`, `¥${n}`);
  }
  if (key === 'requiredArchiveFields') {
    const f = value as FieldKey[];
    return i18n(f.map((k) => fieldLabel(k).zh_cn).join('、'), f.map((k) => fieldLabel(k).en_us).join(', '));
  }
  if (key === 'calendarSync' || key === 'taskSync' || key === 'approvalCentre') return value ? i18n('开', 'on') : i18n('关', 'off');
  if (key === 'questionAnswerHours' || key === 'feedbackAnswerHours') return i18n(`${value as number} 小时`, `${value as number} h`);
  if (key === 'monthlyReportNudgeDays') {
    const d = value as number[];
    return d.length ? i18n(d.map((x) => `${x}号`).join('、'), d.join(', ')) : i18n('不提醒', 'none');
  }
  return i18n(String(value), String(value));
}

/** What the reminder rules across fields say, in both languages (resolveReminderSettings names them). */
const CROSS_RULE: Record<string, I18nText> = {
  workdayEnd: i18n('下班时间须晚于上班时间', 'Working hours must end after they start'),
  recordEveningAt: i18n('拜访当晚提醒时间须在工作时间内，否则要到第二天早上才送达', 'The evening reminder must fall within working hours, or it only arrives the next morning'),
  followUpNudgeDay: i18n('回访提醒日须早于回访截止日', 'The follow-up reminder must come before the follow-up is due'),
  monthlyReportNudgeDays: i18n('月报提醒日须都早于月报截止日', 'Monthly report reminders must all come before the due day'),
  approvalEscalateAfterWorkingDays: i18n('审批告知上级须晚于审批提醒', 'An approval is escalated only after its reminder'),
};

/**
 * Checks the whole set after a change: each value's own shape, then the reminder rules across
 * fields. Throws one VALIDATION DomainError naming every problem.
 */
export function checkSettings(s: Settings, timeZone: string): void {
  for (const k of SETTING_KEYS) if (!SETTING_SCHEMA[k].safeParse(s[k]).success) throw invalidSetting(k, JSON.stringify(s[k]));
  try {
    resolveReminderSettings({ timeZone, ...Object.fromEntries(REMINDER_SETTING_KEYS.map((k) => [k, s[k]])) });
  } catch (e) {
    const problems = ((e as DomainError).details?.problems ?? []) as { path: string; message: string }[];
    const texts = problems.map((p) => CROSS_RULE[p.path] ?? i18n(`${p.path}: ${p.message}`, `${p.path}: ${p.message}`));
    throw new DomainError('VALIDATION', i18n(`${texts.map((t) => t.zh_cn).join('；')}，未做更改。`, `${texts.map((t) => t.en_us).join('; ')}; nothing was changed.`), { problems });
  }
}
