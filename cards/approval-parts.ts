/**
 * Pieces the approval cards share: header colours, the chain with each step's state, the
 * earlier rounds, and the "who decided, when, why" line. Text from users (names, comments,
 * field values) is escaped and clipped here, so a long comment can never push a card past
 * Feishu's 30 KB limit — the full text stays in the audit trail.
 */
import type { StepView, ApprovalView, FieldRow } from '../src/domain/approval/view.js';
import type { RequestStatus } from '../src/domain/approval/types.js';
import { STATE } from '../src/domain/glossary.js';
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { fields, md, mdEscape, note, type CardElement, type HeaderColor, type TagColor } from './kit.js';

export const STATUS_TEMPLATE: Record<RequestStatus, HeaderColor> = {
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'grey',
  returned: 'orange',
};

export const STATUS_TAG: Record<RequestStatus, TagColor> = {
  pending: 'blue',
  approved: 'green',
  rejected: 'red',
  withdrawn: 'neutral',
  returned: 'orange',
};

/** A record's plan and its approval request (visits, receptions), while the record waits on it. */
export interface PlanApproval {
  requestId: string;
  status: RequestStatus;
  version: number;
}

/**
 * The request when it ended without approval (rejected, returned, withdrawn) while the record
 * is still pending: such a card is not 审批中 — it says how it ended and offers what is left.
 */
export const endedApproval = (recordPending: boolean, a: PlanApproval | null | undefined): PlanApproval | null =>
  recordPending && a && a.status !== 'pending' && a.status !== 'approved' ? a : null;

/** Clips user text for display; the cut is marked so nobody mistakes it for the whole. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

const COMMENT_MAX = 200;
const NAME_MAX = 30;
const FIELD_MAX = 300;
const FIELD_ROWS_MAX = 16;
/** Earlier rounds shown in the history panel; older ones are counted, not drawn. */
const HISTORY_ROUNDS_MAX = 2;
/**
 * JSON byte budgets per block. A markdown element holds the Chinese text twice (fallback plus
 * i18n) and the English once, so text is clipped harder as a block grows rather than by a fixed
 * length that would either waste room on short cards or overflow long ones.
 */
const BUDGET = { fields: 7000, chain: 6000, history: 4000 };
const CLIP_STEPS = [COMMENT_MAX, 120, 60, 30, 0];

export const safe = (s: string, max: number): string => mdEscape(clip(s, max));
export const safeName = (s: string): string => safe(s, NAME_MAX);

const both = (f: (lang: 'zh_cn' | 'en_us') => string): I18nText => i18n(f('zh_cn'), f('en_us'));
const bytes = (el: CardElement): number => new TextEncoder().encode(JSON.stringify(el)).length;

/** The longest rendering of `build(max)` that fits `budget`, trying ever shorter clips; null if none does. */
function fit(build: (max: number) => I18nText, budget: number, steps: readonly number[] = CLIP_STEPS): I18nText | null {
  for (const max of steps) {
    const text = build(max);
    if (bytes(md(text)) <= budget) return text;
  }
  return null;
}

function stepLines(s: StepView, lang: 'zh_cn' | 'en_us', commentMax: number): string {
  const zh = lang === 'zh_cn';
  const sep = ' · ';
  const parts = [`${s.icon} **${s.tierLabel[lang]}**`, safeName(s.approverName), s.statusLabel[lang]];
  if (s.decidedAt) parts.push(s.decidedAt);
  else if (s.status === 'pending' && s.activatedAt) parts.push(zh ? `自 ${s.activatedAt}` : `since ${s.activatedAt}`);
  let line = parts.join(sep);
  if (s.decidedByName) line += zh ? `（由 ${safeName(s.decidedByName)} 处理）` : ` (by ${safeName(s.decidedByName)})`;
  if (s.note) line += `\n<font color='grey'>${s.note[lang]}</font>`;
  if (s.comment && commentMax > 0) line += `\n<font color='grey'>${zh ? '意见：' : 'Comment: '}${safe(s.comment, commentMax)}</font>`;
  return line;
}

const hiddenSteps = (n: number, lang: 'zh_cn' | 'en_us'): string =>
  lang === 'zh_cn' ? `<font color='grey'>前 ${n} 步未显示</font>` : `<font color='grey'>${n} earlier step(s) not shown</font>`;

/** Lines for `steps`, clipped to fit `budget`; when even bare lines do not fit, the oldest steps are counted instead. */
function stepsText(steps: StepView[], budget: number): I18nText {
  for (let from = 0; from < steps.length; from++) {
    const shown = steps.slice(from);
    const text = fit((max) => both((lang) => [...(from ? [hiddenSteps(from, lang)] : []), ...shown.map((s) => stepLines(s, lang, max))].join('\n')), budget);
    if (text) return text;
  }
  return both((lang) => hiddenSteps(steps.length, lang));
}

/** The steps of one round, one line (plus a note and a comment) each. */
export function chainBlock(steps: StepView[]): CardElement {
  return md(stepsText(steps, BUDGET.chain));
}

export function chainSection(view: ApprovalView): CardElement[] {
  const title = view.round > 1 ? i18n(`**审批流程**（第 ${view.round} 轮）`, `**Approval chain** (round ${view.round})`) : i18n('**审批流程**', '**Approval chain**');
  const out: CardElement[] = [md(title), chainBlock(view.steps)];
  if (view.history.length) out.push(historyPanel(view.history));
  return out;
}

/** Earlier rounds, folded away: the history is kept but should not crowd the decision. */
export function historyPanel(history: ApprovalView['history']): CardElement {
  const shown = history.slice(-HISTORY_ROUNDS_MAX);
  const hidden = history.length - shown.length;
  const render = (max: number) =>
    both((lang) => {
      const rounds = shown.map((r) => `**${lang === 'zh_cn' ? `第 ${r.round} 轮` : `Round ${r.round}`}**\n${r.steps.map((s) => stepLines(s, lang, max)).join('\n')}`);
      if (hidden > 0) rounds.unshift(lang === 'zh_cn' ? `<font color='grey'>更早的 ${hidden} 轮未显示</font>` : `<font color='grey'>${hidden} earlier round(s) not shown</font>`);
      return rounds.join('\n\n');
    });
  const body =
    fit(render, BUDGET.history) ??
    i18n(`<font color='grey'>共 ${history.length} 轮，内容较多未显示</font>`, `<font color='grey'>${history.length} earlier round(s), too long to show here</font>`);
  const title = i18n(`**历史记录**（${history.length} 轮）`, `**History** (${history.length} earlier round${history.length > 1 ? 's' : ''})`);
  return {
    tag: 'collapsible_panel',
    expanded: false,
    header: { title: { tag: 'markdown', content: title.zh_cn, i18n_content: { zh_cn: title.zh_cn, en_us: title.en_us } } },
    elements: [md(body)],
  };
}

/** The key fields of the request, clipped to the block's budget; values arrive formatted (¥, company-zone dates). */
export function fieldsBlock(rows: FieldRow[]): CardElement[] {
  if (!rows.length) return [];
  const kept = rows.slice(0, FIELD_ROWS_MAX);
  const render = (max: number): I18nText => {
    const el = fields(
      kept.map(({ label, value }): [I18nText, I18nText | string] => [
        i18n(safe(label.zh_cn, 40), safe(label.en_us, 40)),
        typeof value === 'string' ? safe(value, max) : i18n(safe(value.zh_cn, max), safe(value.en_us, max)),
      ]),
    );
    const t = el.i18n_content as { zh_cn: string; en_us: string };
    return i18n(t.zh_cn, t.en_us);
  };
  const text = fit(render, BUDGET.fields, [FIELD_MAX, 150, 80, 40, 20]) ?? render(10);
  const out = [md(text)];
  if (rows.length > kept.length) out.push(note(i18n(`另有 ${rows.length - kept.length} 项未显示`, `${rows.length - kept.length} more field(s) not shown`)));
  return out;
}

/** The request's state words (the glossary's), so the outcome line and the header tag agree. */
const OUTCOME_VERB: Record<RequestStatus, I18nText> = {
  pending: i18n('', ''),
  approved: STATE.approved,
  rejected: STATE.rejected,
  returned: STATE.returned,
  withdrawn: i18n(`申请人${STATE.withdrawn.zh_cn}`, 'Withdrawn by the requester'),
};

/** "Rejected by 李四 at 2026-12-03 15:30 — reason: …", or null while pending. */
export function outcomeBlock(view: ApprovalView): CardElement | null {
  const o = view.outcome;
  if (!o) return null;
  const colour = o.status === 'approved' ? 'green' : o.status === 'withdrawn' ? 'grey' : o.status === 'rejected' ? 'red' : 'orange';
  const verb = OUTCOME_VERB[o.status];
  const who = safeName(o.byName);
  const zhReason = o.reason ? `\n${o.status === 'approved' ? '意见' : '原因'}：${safe(o.reason, COMMENT_MAX)}` : '';
  const enReason = o.reason ? `\n${o.status === 'approved' ? 'Comment' : 'Reason'}: ${safe(o.reason, COMMENT_MAX)}` : '';
  return md(
    i18n(
      `<font color='${colour}'>**${verb.zh_cn}**</font> · ${who} · ${o.at}${zhReason}`,
      `<font color='${colour}'>**${verb.en_us}**</font> · ${who} · ${o.at}${enReason}`,
    ),
  );
}

/** "Waiting for 李四 (director) since …", for viewers who cannot act. */
export function waitingNote(view: ApprovalView): CardElement | null {
  const c = view.current;
  if (!c) return null;
  const who = safeName(c.approverName);
  const since = c.activatedAt ?? '';
  return note(i18n(`等待 ${who}（${c.tierLabel.zh_cn}）处理，自 ${since}`, `Waiting for ${who} (${c.tierLabel.en_us.toLowerCase()}) since ${since}`));
}

export function statusTag(view: ApprovalView): { text: I18nText; color: TagColor }[] {
  const tags = [{ text: view.statusLabel, color: STATUS_TAG[view.status] }];
  if (view.round > 1) tags.push({ text: i18n(`第 ${view.round} 轮`, `Round ${view.round}`), color: 'neutral' });
  return tags;
}
