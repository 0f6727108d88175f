/**
 * The settings card (`设置`, admins only): every setting with its current value in a form, the
 * default beside it, and who changed what lately. Submitting sends `settings.save`; the handler
 * validates every field and changes nothing when one is wrong.
 */
import { FIELD_KEYS, fieldLabel } from '../src/domain/customer/labels.js';
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { DEFAULT_SETTINGS, SETTING_LABEL, settingText, type SettingKey, type Settings } from '../src/domain/settings.js';
import { button, card, form, hr, input, md, note, plain, type Card, type CardElement } from './kit.js';
import { shorten } from './customer-parts.js';

export const SETTINGS_ACTIONS = { save: 'settings.save' } as const;

/** The form field of a setting. */
export const settingField = (k: SettingKey): string => `set_${k}`;

/** A value as the form's input holds it (what parseSettingText reads back). */
function settingInputText(k: SettingKey, s: Settings): string {
  const v = s[k];
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'boolean') return v ? '开' : '关';
  return String(v);
}

export interface SettingsCardView {
  values: Settings;
  recent: { key: SettingKey; at: string; byName: string; old: I18nText; new: I18nText }[];
  /** A line on top after a save. */
  notice?: I18nText | null;
}

const GROUPS: { title: I18nText; keys: SettingKey[] }[] = [
  { title: i18n('客户与费用', 'Customers and expenses'), keys: ['highValueThreshold', 'phoneBillMonthlyLimit', 'requiredArchiveFields'] },
  { title: i18n('考核标准时间', 'Standard answer times (KPIs)'), keys: ['questionAnswerHours', 'feedbackAnswerHours'] },
  { title: i18n('工作时间', 'Working hours'), keys: ['workdayStart', 'workdayEnd'] },
  {
    title: i18n('提醒的日期和时间', 'Reminder days and hours'),
    keys: ['recordEveningAt', 'recordEscalateAfterDays', 'followUpNudgeDay', 'followUpDueDay', 'monthlyReportDueDay', 'monthlyReportNudgeDays', 'approvalNudgeAfterWorkingDays', 'approvalEscalateAfterWorkingDays', 'tripCheckinDeadline', 'monthlyTravelDaysMin'],
  },
  { title: i18n('飞书集成（开 / 关）', 'Feishu integration (on / off)'), keys: ['calendarSync', 'taskSync', 'approvalCentre'] },
];

function fieldFor(k: SettingKey, s: Settings): CardElement[] {
  const d = settingText(k, DEFAULT_SETTINGS[k] as never);
  if (k === 'requiredArchiveFields') {
    return [
      md(i18n(`**${SETTING_LABEL[k].zh_cn}**`, `**${SETTING_LABEL[k].en_us}**`)),
      {
        tag: 'multi_select_static',
        name: settingField(k),
        placeholder: plain(SETTING_LABEL[k]),
        width: 'fill',
        options: FIELD_KEYS.map((f) => ({ text: plain(fieldLabel(f)), value: f })),
        selected_values: [...s.requiredArchiveFields],
      },
    ];
  }
  return [input({
    name: settingField(k),
    label: SETTING_LABEL[k],
    defaultValue: settingInputText(k, s),
    placeholder: i18n(`默认 ${d.zh_cn}`, `Default ${d.en_us}`),
    maxLength: 40,
  })];
}

export function settingsCard(v: SettingsCardView): Card {
  const elements: CardElement[] = [];
  if (v.notice) elements.push(md(v.notice));
  elements.push(note(i18n(
    '仅管理员可修改，每次修改都记录修改人、时间、旧值和新值。也可直接发送，如「设置 高价值阈值 500万」「设置 工作时间 9:00-18:00」。',
    'Only administrators may change these; every change records who, when, the old and the new value. You can also type, e.g. "settings high-value 5000000" or "settings working-hours 9:00-18:00".',
  )));
  const body: CardElement[] = [];
  for (const g of GROUPS) {
    body.push(md(i18n(`**${g.title.zh_cn}**`, `**${g.title.en_us}**`)));
    for (const k of g.keys) body.push(...fieldFor(k, v.values));
  }
  body.push(button({ text: i18n('保存设置', 'Save settings'), type: 'primary', value: { k: SETTINGS_ACTIONS.save }, formSubmit: true, name: 'settings_save' }));
  elements.push(form('settings_form', body));
  if (v.recent.length) {
    const line = (r: SettingsCardView['recent'][number], l: 'zh_cn' | 'en_us') =>
      `- ${r.at} ${shorten(r.byName, 20)} · ${SETTING_LABEL[r.key][l]}：${shorten(r.old[l], 60)} → ${shorten(r.new[l], 60)}`;
    elements.push(hr(), md(i18n(`**最近修改**\n${v.recent.map((r) => line(r, 'zh_cn')).join('\n')}`, `**Recent changes**\n${v.recent.map((r) => line(r, 'en_us')).join('\n')}`)));
  }
  return card({
    title: i18n('设置', 'Settings'),
    template: 'grey',
    summary: i18n('部门设置', 'Department settings'),
    elements,
  });
}

