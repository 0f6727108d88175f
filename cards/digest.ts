/**
 * The reminder digest (domain.md §4): one card per person per tick, their own duties grouped by
 * kind (most urgent group first), then — for managers, superiors and the assistant — one list of
 * other people's late work. A line gets a button only when the workflow gave it a registered
 * action, so nothing on this card leads nowhere.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { STATE, THING } from '../src/domain/glossary.js';
import type { NudgeKind, Urgency } from '../src/domain/reminders/index.js';
import { formatFriendly } from '../src/domain/time.js';
import type { ActionValue } from './action-value.js';
import { button, buttonRow, card, hr, md, mdEscape, note, type Card, type CardElement, type HeaderColor, type TagColor } from './kit.js';

/** Items beyond this are counted, not listed: a card holds 200 elements and 30 KB. */
const DIGEST_MAX_LINES = 20;

export interface DigestLine {
  kind: NudgeKind;
  urgency: Urgency;
  dueAt: Date;
  /** What it is about: a customer's name, "2026-11", a trip's destination. */
  title: string;
  /** The person whose duty it is (shown on oversight lines). */
  ownerName: string;
  /** E.g. travel days counted, for the month-end travel line. */
  detail?: Record<string, unknown>;
  action?: { value: ActionValue; label: I18nText };
  /** The weekly reminder of an item long overdue: its owner may close it with a reason. */
  close?: ActionValue;
  /** The duty behind the line, so the digest can be patched once it is done. */
  obligationId?: string;
  /** Set when the digest is patched after the duty closed: the line says so and loses its button. */
  closed?: 'done' | 'cancelled';
}

export interface DigestView {
  timeZone: string;
  urgency: Urgency;
  own: { kind: NudgeKind; lines: DigestLine[] }[];
  oversight: DigestLine[];
}

const KIND_LABEL: Record<NudgeKind, I18nText> = {
  visit_record: i18n(THING.visitRecord.zh_cn, 'Visit summaries'),
  follow_up: i18n('回访', 'Follow-ups'),
  reception_report: i18n('接待报告', 'Reception reports'),
  monthly_report: i18n('月度市场分析报告', 'Monthly market reports'),
  approval_step: i18n('待审批', 'Waiting for your approval'),
  trip_checkin: i18n('行程报备', 'Travel check-ins'),
  travel_days: i18n('出差天数', 'Travel days'),
  progress_report: i18n('开发进展汇报', 'Development progress reports'),
  equipment_return: i18n('借用设备归还', 'Borrowed equipment to return'),
  visit_material: i18n('拜访物料准备', 'Visit materials to prepare'),
};

const URGENCY: Record<Urgency, { text: I18nText; color: TagColor; header: HeaderColor }> = {
  escalation: { text: i18n('需要跟进', 'Needs your attention'), color: 'red', header: 'red' },
  overdue: { text: i18n('已逾期', 'Overdue'), color: 'red', header: 'orange' },
  due: { text: i18n('今天截止', 'Due today'), color: 'orange', header: 'yellow' },
  upcoming: { text: i18n('即将到期', 'Coming up'), color: 'blue', header: 'blue' },
};

const clip = (s: string, n = 60) => mdEscape(s.length > n ? `${s.slice(0, n - 1)}…` : s);

function lineText(l: DigestLine, tz: string, withOwner: boolean): I18nText {
  const who = withOwner ? `**${clip(l.ownerName, 20)}** · ` : '';
  const u = URGENCY[l.urgency].text;
  if (l.kind === 'travel_days') {
    const days = Number(l.detail?.days ?? 0);
    const min = Number(l.detail?.minimum ?? 15);
    return i18n(`${who}${clip(l.title)} 出差 ${days} 天，少于 ${min} 天`, `${who}${clip(l.title)}: ${days} travel days, under ${min}`);
  }
  const kind = KIND_LABEL[l.kind];
  const head = withOwner ? { zh: `${kind.zh_cn} · `, en: `${kind.en_us} · ` } : { zh: '', en: '' };
  return i18n(
    `${who}${head.zh}${clip(l.title)}　截止 ${formatFriendly(l.dueAt, tz, 'zh_cn')}　<font color='${l.urgency === 'upcoming' ? 'grey' : 'red'}'>${u.zh_cn}</font>`,
    `${who}${head.en}${clip(l.title)} — due ${formatFriendly(l.dueAt, tz, 'en_us')} <font color='${l.urgency === 'upcoming' ? 'grey' : 'red'}'>${u.en_us}</font>`,
  );
}

const CLOSED: Record<NonNullable<DigestLine['closed']>, I18nText> = { done: STATE.done, cancelled: i18n('无需处理', 'No longer needed') };

function lineElements(l: DigestLine, tz: string, withOwner: boolean): CardElement[] {
  if (l.closed) {
    const t = lineText({ ...l, urgency: 'upcoming' }, tz, withOwner);
    const mark = CLOSED[l.closed];
    // The deadline words go: a done item is neither 今天截止 nor 已逾期 any more.
    const strip = (x: string) => x.replace(/<font color='[a-z]+'>[^<]*<\/font>$/, '').trimEnd();
    return [md(i18n(`<font color='grey'>✓ ${strip(t.zh_cn)}　${mark.zh_cn}</font>`, `<font color='grey'>✓ ${strip(t.en_us)} — ${mark.en_us}</font>`))];
  }
  const out = [md(lineText(l, tz, withOwner))];
  const buttons = l.action ? [button({ text: l.action.label, value: l.action.value, type: 'primary' })] : [];
  if (l.close) buttons.push(button({ text: i18n('不再需要？说明原因并关闭', 'Not needed? Close it with a reason'), value: l.close, type: 'default' }));
  if (buttons.length) out.push(buttonRow(buttons));
  return out;
}

/** `title`: the card's name; the same lines answer `待办`, where nothing was sent as a reminder. */
export function digestCard(v: DigestView, o: { title?: I18nText } = {}): Card {
  const elements: CardElement[] = [];
  let budget = DIGEST_MAX_LINES;
  let hidden = 0;
  const take = (lines: DigestLine[]): DigestLine[] => {
    const shown = lines.slice(0, Math.max(0, budget));
    budget -= shown.length;
    hidden += lines.length - shown.length;
    return shown;
  };
  for (const section of v.own) {
    const lines = take(section.lines);
    if (!lines.length) continue;
    if (elements.length) elements.push(hr());
    const label = KIND_LABEL[section.kind];
    elements.push(md(i18n(`**${label.zh_cn}**（${section.lines.length}）`, `**${label.en_us}** (${section.lines.length})`)));
    for (const l of lines) elements.push(...lineElements(l, v.timeZone, false));
  }
  const oversight = take(v.oversight);
  if (oversight.length) {
    if (elements.length) elements.push(hr());
    elements.push(md(i18n(`**团队逾期事项**（${v.oversight.length}）`, `**Late in your team** (${v.oversight.length})`)));
    for (const l of oversight) elements.push(...lineElements(l, v.timeZone, true));
  }
  if (hidden > 0) elements.push(note(i18n(`另有 ${hidden} 项未列出`, `${hidden} more not listed`)));
  const total = v.own.reduce((n, s) => n + s.lines.length, 0) + v.oversight.length;
  const all = [...v.own.flatMap((s) => s.lines), ...v.oversight];
  const allClosed = all.length > 0 && all.every((l) => l.closed);
  const u = allClosed ? { text: i18n('已全部处理', 'All handled'), color: 'green' as TagColor, header: 'green' as HeaderColor } : URGENCY[v.urgency];
  const title = o.title ?? i18n('待办提醒', 'Reminders');
  return card({
    title,
    subtitle: i18n(`共 ${total} 项`, `${total} item${total === 1 ? '' : 's'}`),
    template: u.header,
    tags: [{ text: u.text, color: u.color }],
    summary: i18n(`${title.zh_cn}：${total} 项`, `${title.en_us}: ${total}`),
    elements,
  });
}
