/**
 * One word per state and per thing. A person who reads 已批准 on the visit card and 已通过 on the
 * approval card, or 拜访总结 on a button and 拜访记录 above the fields, wonders whether they are
 * two things; every card and message that names one of these takes the word from here.
 *
 * 拜访总结 rather than 拜访记录: it is what the source document's rule calls it
 * (无拜访总结不得报销) and what people type; the form's name 客户拜访记录表 stays in the
 * parser's triggers only.
 */
import { i18n, type I18nText } from './i18n.js';

/** The things the bot keeps, as people call them. */
export const THING = {
  visitRecord: i18n('拜访总结', 'visit summary'),
  visitRecordTitle: i18n('拜访总结', 'Visit summary'),
  followUp: i18n('回访', 'follow-up'),
  followUpTitle: i18n('回访', 'Follow-up'),
  receptionReport: i18n('接待报告', 'reception report'),
  receptionReportTitle: i18n('接待报告', 'Reception report'),
  monthlyReport: i18n('月度市场分析报告', 'monthly market report'),
} as const satisfies Record<string, I18nText>;

/**
 * The states a record or a request is in. A request and the record it asks about share these:
 * a visit plan whose request is approved is 已批准 on both cards.
 */
export const STATE = {
  pending: i18n('审批中', 'Awaiting approval'),
  approved: i18n('已批准', 'Approved'),
  rejected: i18n('已驳回', 'Rejected'),
  returned: i18n('已退回修改', 'Returned for revision'),
  withdrawn: i18n('已撤回', 'Withdrawn'),
  cancelled: i18n('已取消', 'Cancelled'),
  /** A visit whose summary is in. */
  recorded: i18n('已提交总结', 'Summary submitted'),
  /** A reception whose report is in. */
  reported: i18n('已提交报告', 'Report submitted'),
  /** A duty closed by its owner with a reason instead of being done. */
  closed: i18n('已关闭', 'Closed'),
  done: i18n('已完成', 'Done'),
} as const satisfies Record<string, I18nText>;

/** "提交拜访总结" / "Send the visit summary": the verb phrases the buttons use. */
export const sendThing = (t: I18nText): I18nText => i18n(`提交${t.zh_cn}`, `Send the ${t.en_us}`);
export const checkThing = (t: I18nText): I18nText => i18n(`查看${t.zh_cn}`, `Check the ${t.en_us}`);

/**
 * Words no card or message says any more, each with the word that replaced it. People may still
 * type them (the parser's triggers accept 拜访记录): only what the bot says is held to this.
 */
export const RETIRED: readonly { word: string; use: string }[] = [
  { word: '拜访记录', use: THING.visitRecord.zh_cn },
  { word: 'visit record', use: THING.visitRecord.en_us },
  { word: '已通过', use: STATE.approved.zh_cn },
];
