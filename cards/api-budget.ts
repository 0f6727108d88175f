/** The admins' `状态` / `status` card: this month's Lark API calls against the budget, and who spends them. */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { SAVING_FROM_PERCENT, type BudgetStanding } from '../src/domain/api-budget.js';
import { card, md, note, type Card } from './kit.js';

/** What each API is, in the words an admin knows from the Feishu console. */
const API_LABEL: Record<string, I18nText> = {
  'im.message.create': i18n('发送消息', 'Send message'),
  'im.message.reply': i18n('回复消息', 'Reply to message'),
  'im.message.patch': i18n('更新卡片', 'Update card'),
  'bot.info': i18n('机器人信息', 'Bot info'),
  'im.file.create': i18n('上传文件', 'Upload file'),
  'calendar.primary': i18n('查询机器人日历', "Bot's calendar"),
  'calendar.event.create': i18n('创建日程', 'Create event'),
  'calendar.event.patch': i18n('更新日程', 'Update event'),
  'calendar.event.delete': i18n('删除日程', 'Delete event'),
  'calendar.attendee.create': i18n('邀请参与人', 'Invite attendees'),
  'calendar.attendee.batch_delete': i18n('移除参与人', 'Remove attendees'),
};

const n = (x: number) => x.toLocaleString('en');

export function apiBudgetCard(s: BudgetStanding & { byApi: { api: string; calls: number }[] }): Card {
  const limited = s.budget > 0;
  const template = !limited ? 'blue' : s.percent >= SAVING_FROM_PERCENT ? 'red' : s.percent >= 70 ? 'orange' : 'green';
  const headline = limited
    ? i18n(
        `**本月已用 ${n(s.used)} / ${n(s.budget)} 次（${s.percent}%）**\n按目前速度，月底约 ${n(s.projected)} 次${s.projected > s.budget ? '，<font color=\'red\'>将超出额度</font>' : ''}。`,
        `**${n(s.used)} of ${n(s.budget)} calls used this month (${s.percent}%)**\nAt this pace the month ends near ${n(s.projected)}${s.projected > s.budget ? ", <font color='red'>over the budget</font>" : ''}.`,
      )
    : i18n(`**本月已用 ${n(s.used)} 次**（未设额度）\n按目前速度，月底约 ${n(s.projected)} 次。`, `**${n(s.used)} calls this month** (no budget set)\nAt this pace the month ends near ${n(s.projected)}.`);
  const top = s.byApi.slice(0, 8);
  const rows = top.length
    ? i18n(
        top.map((r) => `- ${API_LABEL[r.api]?.zh_cn ?? r.api}：${n(r.calls)}`).join('\n'),
        top.map((r) => `- ${API_LABEL[r.api]?.en_us ?? r.api}: ${n(r.calls)}`).join('\n'),
      )
    : i18n('本月还没有调用。', 'No calls yet this month.');
  return card({
    title: i18n(`飞书 API 用量 · ${s.month}`, `Feishu API usage · ${s.month}`),
    template,
    elements: [
      md(headline),
      md(i18n(`**调用最多**\n${rows.zh_cn}`, `**Top spenders**\n${rows.en_us}`)),
      ...(s.saving
        ? [md(i18n("<font color='red'>节流中：一天前的旧卡片不再更新；回复和审批卡片照常发送。</font>", "<font color='red'>Saving: cards older than a day are no longer updated; replies and approval cards still go out.</font>"))]
        : []),
      note(
        i18n(
          `免费版每月 10,000 次，由企业内所有自建应用共用；通讯录、鉴权和失败的调用不计。额度由 LARK_MONTHLY_CALL_BUDGET 设置，达到 70% 和 90% 时提醒管理员，${SAVING_FROM_PERCENT}% 起节流。`,
          `The free edition allows 10,000 calls a month, shared by the tenant's apps; contacts, auth and failed calls do not count. LARK_MONTHLY_CALL_BUDGET sets the budget; admins are warned at 70% and 90%, and from ${SAVING_FROM_PERCENT}% the bot saves.`,
        ),
      ),
    ],
  });
}
