/**
 * Cards of a report typed as a message (visit record, follow-up, reception report): what the
 * bot understood, to confirm, edit or discard; and the pick list when it cannot tell which
 * visit or reception the message is about. Nothing is final until Confirm.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { THING } from '../src/domain/glossary.js';
import { button, buttonRow, card, fields, md, note, type Card, type CardElement } from './kit.js';
import { clip } from './customer-parts.js';
import { firstThatFits, shortenedNote } from './fit.js';
import { VISIT_ACTIONS as A } from './visit-parts.js';

export type DraftKind = 'visit_record' | 'follow_up' | 'reception_report';

export const DRAFT_TITLE: Record<DraftKind, I18nText> = {
  visit_record: THING.visitRecordTitle,
  follow_up: THING.followUpTitle,
  reception_report: THING.receptionReportTitle,
};

/** Where a row marked 来自计划 took its value, by kind. */
const PLAN_SOURCE: Record<DraftKind, I18nText> = {
  visit_record: i18n('拜访计划', 'the visit plan'),
  follow_up: i18n(`这次拜访的计划或${THING.visitRecord.zh_cn}`, `the visit's plan or ${THING.visitRecord.en_us}`),
  reception_report: i18n('接待计划', 'the reception plan'),
};

export interface DraftConfirmView {
  id: number;
  kind: DraftKind;
  /** "中国华能 · 12月3日 周四 14:30" */
  subject: string;
  rows: [I18nText, I18nText | string][];
  /** Empty fields worth a word, e.g. "客户想法". */
  missing: I18nText[];
  /** Some values were read from unlabelled text or taken from the plan (their rows say so). */
  guessed?: boolean;
  /** Something to check before confirming, e.g. the day written is not the planned day. */
  warning?: I18nText | null;
  state: 'open' | 'confirmed' | 'discarded';
}

/** A row's text is already escaped by its module; a free-text summary may still be long. */
const cutTo = (max: number) => (s: string): string => ([...s].length > max ? `${[...s].slice(0, max).join('').replace(/\\+$/, '')}…` : s);

export function draftConfirmCard(v: DraftConfirmView): Card {
  return firstThatFits([600, 300, 150, 60], (max) => buildConfirm(v, max));
}

function buildConfirm(v: DraftConfirmView, max: number): Card {
  const cut = cutTo(max);
  const long = v.rows.some(([, val]) => [...(typeof val === 'string' ? val : val.zh_cn)].length > max);
  const title = DRAFT_TITLE[v.kind];
  const rows = v.rows.map(([k, val]): [I18nText, I18nText | string] => [k, typeof val === 'string' ? cut(val) : i18n(cut(val.zh_cn), cut(val.en_us))]);
  const elements: CardElement[] = [md(i18n(`**${clip(v.subject, 60)}**`, `**${clip(v.subject, 60)}**`))];
  if (v.state === 'open' && v.warning) elements.push(md(i18n(`⚠️ ${v.warning.zh_cn}`, `⚠️ ${v.warning.en_us}`)));
  if (v.state === 'open' && v.guessed) {
    const from = PLAN_SOURCE[v.kind];
    elements.push(note(i18n(`标「推测」的是我从你的话里理解的，标「来自计划」的取自${from.zh_cn}：请先核对这几项。`, `Rows marked "guessed" are my reading of your words and "from the plan" come from ${from.en_us}: check those first.`)));
  }
  elements.push(fields(rows));
  // The row builders shorten long fields themselves (a summary's points to 400 characters): the
  // preview says so too, since the person confirms what they cannot see in full.
  const cutByRows = v.rows.some(([, val]) => (typeof val === 'string' ? val : val.zh_cn).endsWith('…'));
  if (long) elements.push(shortenedNote(max));
  else if (cutByRows) elements.push(shortenedNote());
  if (v.state === 'open') {
    if (v.missing.length) {
      elements.push(note(i18n(`还没写：${v.missing.map((m) => m.zh_cn).join('、')}。可点「修改」补充，也可以直接确认。`, `Not given: ${v.missing.map((m) => m.en_us).join(', ')}. Press Edit to add them, or confirm as is.`)));
    }
    elements.push(note(i18n('确认前不会生效；草稿已保存，发送「草稿」可随时找回。', 'Nothing is final until you confirm; the draft is saved — send "/drafts" to get it back.')));
    elements.push(
      buttonRow([
        button({ text: i18n('确认提交', 'Confirm'), type: 'primary', value: { k: A.draftConfirm, d: v.id } }),
        button({ text: i18n('修改', 'Edit'), value: { k: A.draftEdit, d: v.id } }),
        button({ text: i18n('取消', 'Cancel'), type: 'danger', value: { k: A.draftDiscard, d: v.id } }),
      ]),
    );
  } else {
    elements.push(note(v.state === 'confirmed' ? i18n('已确认提交。', 'Confirmed.') : i18n('已取消，未保存。', 'Discarded; nothing was saved.')));
  }
  return card({
    title: v.state === 'open' ? i18n(`请确认${title.zh_cn}`, `Confirm the ${title.en_us.toLowerCase()}`) : title,
    template: v.state === 'open' ? 'orange' : v.state === 'confirmed' ? 'green' : 'grey',
    elements,
  });
}

export interface DraftPickView {
  id: number;
  kind: DraftKind;
  options: { subjectId: string; label: string }[];
  /** Why the bot asks when it could have guessed (the day written is not the planned day). */
  question?: I18nText | null;
}

export function draftPickCard(v: DraftPickView): Card {
  const t = DRAFT_TITLE[v.kind];
  return card({
    title: i18n(`这份${t.zh_cn}是哪一次的？`, `Which one is this ${t.en_us.toLowerCase()} for?`),
    template: 'orange',
    elements: [
      md(v.question ?? i18n('有几项都在等待，请选择：', 'Several are waiting; pick one:')),
      ...v.options.slice(0, 10).map((o) => button({ text: { zh_cn: clip(o.label, 60), en_us: clip(o.label, 60) }, value: { k: A.draftAttach, d: v.id, s: o.subjectId } })),
      note(i18n('选择后会显示识别结果，确认后才生效。', 'You will see what I understood and confirm it before anything is saved.')),
    ],
  });
}
