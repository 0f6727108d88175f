/**
 * The settings card for admins, and its form submit: every field read back the way the chat
 * command reads it; one bad field refuses the whole submit (nothing changes) with the reasons.
 */
import { settingField, settingsCard, SETTINGS_ACTIONS } from '../../cards/settings.js';
import type { Card } from '../../cards/kit.js';
import type { Q } from '../../db/client.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import { i18n, type I18nText } from '../domain/i18n.js';
import { isAdmin, type Member } from '../domain/roster.js';
import { parseSettingText, SETTING_KEYS, SETTING_LABEL, SETTING_SCHEMA, settingText, type SettingKey, type Settings } from '../domain/settings.js';
import { formatDateTime } from '../domain/time.js';
import { z } from 'zod';
import { field, readCardForm } from '../domain/card-form.js';
import { cardAction, toast, type CardAction, type CardRun } from './card-handler.js';
import { loadRosterMap } from './customer/store.js';
import { changeSettings, getSettings, recentSettingChanges } from './settings.js';

const adminsOnly = (): DomainError =>
  new DomainError('FORBIDDEN', i18n('只有管理员可以修改设置。', 'Only administrators may change the settings.'));

/** The card with the values as stored now and the latest changes with who made them. */
export async function settingsCardFor(q: Q, o: { timeZone: string; notice?: I18nText | null }): Promise<Card> {
  const values = await getSettings(q);
  const roster = await loadRosterMap(q);
  const recent = (await recentSettingChanges(q)).map((r) => ({
    key: r.key,
    at: formatDateTime(r.at, o.timeZone),
    byName: r.by ? (roster.get(r.by)?.name ?? r.by) : '—',
    old: SETTING_SCHEMA[r.key].safeParse(r.old).success ? settingText(r.key, r.old as never) : i18n('默认', 'default'),
    new: SETTING_SCHEMA[r.key].safeParse(r.new).success ? settingText(r.key, r.new as never) : i18n('—', '—'),
  }));
  return settingsCard({ values, recent, notice: o.notice ?? null });
}

/** "「话费限额」¥300 → ¥500；…": what a change did, for the reply and the toast. */
export function changeSummary(changed: SettingKey[], before: Settings, after: Settings): I18nText {
  const one = (k: SettingKey, l: 'zh_cn' | 'en_us') => `${SETTING_LABEL[k][l]}: ${settingText(k, before[k] as never)[l]} → ${settingText(k, after[k] as never)[l]}`;
  return i18n(changed.map((k) => one(k, 'zh_cn')).join('；'), changed.map((k) => one(k, 'en_us')).join('; '));
}

function assertAdmin(member: Member, admins: readonly string[]): void {
  if (!isAdmin(member, admins)) throw adminsOnly();
}

const SaveValue = z.object({});

/** Each setting as its field sends it: text read as the chat command reads it, the archive fields as a multi-select. */
const SETTINGS_FORM = Object.fromEntries(SETTING_KEYS.map((k) => [k, k === 'requiredArchiveFields' ? field.multi(SETTING_LABEL[k]) : field.text(SETTING_LABEL[k])]));

const onSave: CardRun<typeof SaveValue> = async (ctx) => {
  assertAdmin(ctx.operator, ctx.deps.config.admins);
  const form = (ctx.action.form_value ?? {}) as Record<string, unknown>;
  const current = await getSettings(ctx.tx);
  const patch: Partial<Settings> = {};
  const problems: I18nText[] = [];
  for (const k of SETTING_KEYS) {
    const one = readCardForm({ [k]: form[settingField(k)] }, { [k]: SETTINGS_FORM[k]! });
    if (!one.ok) {
      problems.push(...one.problems);
      continue;
    }
    const raw = one.values[k];
    if (raw === null || (Array.isArray(raw) && !raw.length)) continue;
    try {
      if (k === 'requiredArchiveFields') {
        const parsed = SETTING_SCHEMA.requiredArchiveFields.safeParse(raw);
        if (!parsed.success) throw new DomainError('VALIDATION', i18n(`「${SETTING_LABEL[k].zh_cn}」至少选一项，且只能选档案字段。`, `${SETTING_LABEL[k].en_us}: choose at least one archive field.`));
        patch.requiredArchiveFields = parsed.data;
      } else {
        (patch as Record<string, unknown>)[k] = parseSettingText(k, String(raw), current);
      }
    } catch (e) {
      if (!isDomainError(e)) throw e;
      problems.push(e.userMessage);
    }
  }
  if (problems.length) {
    throw new DomainError('VALIDATION', i18n(problems.map((p) => p.zh_cn).join('\n'), problems.map((p) => p.en_us).join('\n')));
  }
  const r = await changeSettings(ctx.tx, patch, ctx.operator.openId, ctx.now, { timeZone: ctx.deps.config.timeZone });
  if (!r.changed.length) return toast('info', i18n('设置没有变化。', 'Nothing changed.'));
  const summary = changeSummary(r.changed, r.before, r.after);
  const card = await settingsCardFor(ctx.tx, { timeZone: ctx.deps.config.timeZone, notice: i18n(`✅ 已保存：${summary.zh_cn}`, `✅ Saved: ${summary.en_us}`) });
  return { ...toast('success', i18n(`已保存 ${r.changed.length} 项设置`, `Saved ${r.changed.length} setting(s)`)), card: { type: 'raw', data: card } };
};

export const SETTINGS_CARD_ACTIONS: CardAction[] = [cardAction(SETTINGS_ACTIONS.save, SaveValue, onSave)];
