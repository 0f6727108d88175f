/**
 * `设置` / `settings` (admins): the settings card, or one change by chat —
 * `设置 高价值阈值 500万`, `设置 工作时间 9:00-18:00`, `设置 必填字段 +传真`.
 */
import { changeSettings, getSettings } from '../../app/settings.js';
import { changeSummary, settingsCardFor } from '../../app/settings-handlers.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { parseClockText, parseSettingText, SETTING_KEYS, settingNamed, type Settings } from '../../domain/settings.js';
import type { ChatContext } from '../context.js';
import type { Command } from '../registry.js';

const say = (ctx: ChatContext, text: I18nText) => ctx.reply({ text: pick(text, ctx.locale) });

const NAMES = i18n(
  `可设置：高价值阈值、话费限额、必填字段、工作时间（如 9:00-18:00）、上班时间、下班时间、当晚提醒、总结上报、回访提醒日、回访截止日、月报截止日、月报提醒日、审批提醒、审批上报、报备截止、出差天数下限、日历同步（开 / 关）、任务同步（开 / 关）、审批中心同步（开 / 关）。发送「设置」查看当前值。`,
  `Settings: high-value, phone-bill, required-fields, working-hours (e.g. 9:00-18:00), start, end, evening, check-in, travel-days, calendar (on / off), tasks (on / off), approval-centre (on / off), or a key such as ${SETTING_KEYS.slice(3, 6).join(', ')}. Send "settings" to see the current values.`,
);

/** The patch a chat change makes (working hours set both ends at once), or why there is none. */
function patchOf(name: string, value: string, current: Settings): { patch: Partial<Settings> } | { refused: I18nText } {
  const key = settingNamed(name);
  if (key === 'workingHours') {
    const [a = '', b = '', ...rest] = value.split(/\s*(?:-|–|—|~|～|至|到|\bto\b|\s)\s*/i).filter(Boolean);
    const start = parseClockText(a);
    const end = parseClockText(b);
    if (!start || !end || rest.length) return { refused: i18n('工作时间请写成「9:00-18:00」，未做更改。', 'Write working hours as "9:00-18:00"; nothing was changed.') };
    return { patch: { workdayStart: start, workdayEnd: end } };
  }
  if (!key) {
    const n = name.slice(0, 30);
    return { refused: i18n(`没有名为「${n}」的设置。${NAMES.zh_cn}`, `There is no setting called "${n}". ${NAMES.en_us}`) };
  }
  return { patch: { [key]: parseSettingText(key, value, current) } };
}

export const settingsCommand: Command = {
  name: 'settings',
  words: ['settings', 'setting', '设置'],
  title: i18n('设置', 'Settings'),
  usage: i18n('高值门槛、话费限额、必填字段、工作时间、提醒日期和时间', 'high-value threshold, phone-bill limit, required fields, working hours, reminder days and hours'),
  examples: { zh_cn: ['设置', '设置 高价值阈值 500万'], en_us: ['settings', 'settings high-value 5000000'] },
  roles: ['admin'],
  adminOnly: true,
  async run(ctx) {
    const tz = ctx.deps.config.timeZone;
    const args = ctx.args.trim();
    if (!args) {
      await ctx.reply({ card: await settingsCardFor(ctx.tx, { timeZone: tz }) });
      return;
    }
    const m = /^(\S+?)\s*(?:[=＝:：]\s*|\s+)([\s\S]+)$/.exec(args);
    if (!m) {
      await say(ctx, settingNamed(args) ? i18n(`请在名称后写上新值，如「设置 ${args} …」。`, `Put the new value after the name, e.g. "settings ${args} …".`) : NAMES);
      return;
    }
    try {
      const p = patchOf(m[1]!, m[2]!.trim(), await getSettings(ctx.tx));
      if ('refused' in p) return say(ctx, p.refused);
      const r = await changeSettings(ctx.tx, p.patch, ctx.member.openId, ctx.now, { timeZone: tz });
      if (!r.changed.length) {
        await say(ctx, i18n('设置没有变化。', 'Nothing changed.'));
        return;
      }
      const s = changeSummary(r.changed, r.before, r.after);
      await say(ctx, i18n(`已修改：${s.zh_cn}。立即生效，已记录修改人和时间。`, `Changed: ${s.en_us}. In effect now; who and when are recorded.`));
    } catch (e) {
      // A refused value: changeSettings wrote nothing before refusing it.
      if (isDomainError(e)) return say(ctx, e.userMessage);
      throw e;
    }
  },
};

