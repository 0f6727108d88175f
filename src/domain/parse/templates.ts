/**
 * The fill-in templates the bot offers ("发个模板", "template") and intent detection for an
 * incoming message. Every template starts with its trigger word and uses labels its parser
 * knows, so a filled-in copy pasted back parses without further hints.
 */
import { i18n, type I18nText } from '../i18n.js';
import { FOLLOW_UP_LABELS } from './follow-up.js';
import { splitLabelled, type LabelDictionary } from './labels.js';
import { MONTHLY_LABELS } from './monthly-report.js';
import { RECEPTION_LABELS } from './reception-report.js';
import { normalizeText, stripLeadingMentions } from './text.js';
import { FOLLOW_UP_TRIGGER, MONTHLY_TRIGGER, RECEPTION_TRIGGER, startsWith, VISIT_TRIGGER } from './triggers.js';
import { VISIT_LABELS } from './visit-record.js';

export type ReportIntent = 'visit_record' | 'follow_up' | 'monthly_report' | 'reception_report';

export const TEMPLATES: Readonly<Record<ReportIntent, I18nText>> = {
  visit_record: i18n(
    ['拜访总结', '客户：', '时间：', '地点：', '方式：', '要点：', '客户想法：', '下一步：', '下次拜访：', '结果：', '失败原因：'].join('\n'),
    ['Visit summary', 'Customer:', 'Time:', 'Place:', 'Method:', 'Main points:', "Customer's view:", 'Next steps:', 'Next visit:', 'Outcome:', 'Failure reason:'].join('\n'),
  ),
  follow_up: i18n(
    ['回访', '客户：', '回访方式：', '回访对象：', '客户意见：', '满意度：'].join('\n'),
    ['Follow-up', 'Customer:', 'Method:', 'Contact person:', 'Opinion:', 'Satisfaction:'].join('\n'),
  ),
  monthly_report: i18n(
    ['月报', '月份：', '本月总结：', '下月预测：', '存在问题：', '解决方案：', '产品质量反馈：', '客户使用及满意度：', '竞品情况：', '行业动态：'].join('\n'),
    ['Monthly report', 'Month:', "This month's summary:", "Next month's forecast:", 'Problems:', 'Solutions:', 'Quality feedback:', 'Customer usage:', 'Competitors:', 'Industry news:'].join('\n'),
  ),
  reception_report: i18n(
    ['接待报告', '来访人员：', '接待时间：', '接待地点：', '陪同人员：', '接待内容：', '客户意见：', '下一步：'].join('\n'),
    ['Reception report', 'Guests:', 'Time:', 'Venue:', 'Hosts:', 'Points:', "Customer's view:", 'Next steps:'].join('\n'),
  ),
};

/**
 * Explanatory line sent with a template: how to fill it. Kept apart from the template so a
 * copied template has no hint text that would be read as a value.
 */
export const TEMPLATE_HINTS: Readonly<Record<ReportIntent, I18nText>> = {
  visit_record: i18n(
    '复制后填写发给我；方式填 面谈/电话/视频；下次拜访可写“下周三下午两点”“12月3日”；没谈成请在结果里写明原因。不用的行可以删掉，也可以直接用一段话描述。',
    'Copy, fill in and send it back. Method: in person / phone / video. Next visit can be "next Wednesday 2pm" or "2026-12-03". If the visit failed, say why. Delete lines you do not need, or just write it as a paragraph.',
  ),
  follow_up: i18n(
    '方式填 电话/上门；满意度 1–5 分（或写 非常满意/满意/一般/不满意/很不满意）。',
    'Method: phone / visit. Satisfaction 1–5 (or "very satisfied" … "very dissatisfied").',
  ),
  monthly_report: i18n(
    '每月5号前提交；市场情报（质量、客户使用、竞品、行业）没有可写“无”。',
    'Due by the 5th. For market intelligence (quality, usage, competitors, industry) write "none" if there is nothing.',
  ),
  reception_report: i18n('接待结束后填写；没有报告无法报销接待费用。', 'Fill in after the reception; reimbursement waits for this report.'),
};

// Checked in this order: "11月月报" must not be read as a visit "总结", nor "回访总结" as one.
const TRIGGERS: ReadonlyArray<[ReportIntent, RegExp]> = [
  ['monthly_report', MONTHLY_TRIGGER],
  ['reception_report', RECEPTION_TRIGGER],
  ['follow_up', FOLLOW_UP_TRIGGER],
  ['visit_record', VISIT_TRIGGER],
];

// Labels that only one kind of report uses; two distinct ones identify an untriggered template.
const DISTINCTIVE: ReadonlyArray<[ReportIntent, LabelDictionary<string>, readonly string[]]> = [
  ['monthly_report', MONTHLY_LABELS, ['summary', 'forecast', 'problems', 'solutions', 'qualityFeedback', 'customerUsage', 'competitors', 'industryNews']],
  ['reception_report', RECEPTION_LABELS, ['guests', 'hosts']],
  ['follow_up', FOLLOW_UP_LABELS, ['satisfaction', 'opinion']],
  ['visit_record', VISIT_LABELS, ['place', 'method', 'points', 'customerView', 'nextSteps', 'nextVisit', 'failureReason']],
];

/** Which report a message is, from its trigger word, else its label set; null for anything else. */
export function detectIntent(text: string): ReportIntent | null {
  const clean = stripLeadingMentions(normalizeText(text)).trim();
  for (const [intent, re] of TRIGGERS) {
    if (startsWith(clean, re)) return intent;
  }
  let best: { intent: ReportIntent; count: number } | null = null;
  for (const [intent, dict, keys] of DISTINCTIVE) {
    const { order } = splitLabelled(clean, dict);
    const count = order.filter((k) => keys.includes(k)).length;
    if (count >= 2 && (!best || count > best.count)) best = { intent, count };
  }
  return best?.intent ?? null;
}
