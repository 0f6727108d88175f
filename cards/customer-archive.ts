/**
 * The archive card (客户档案): company fields by section, people and contacts, the completeness
 * bar, stage, categories and owner. Personal fields appear only when the view model says they
 * may (`personal`), on top of the archive already having been passed through visibleArchive.
 * Long texts are shortened, more and more until the card fits Feishu's 30 KB.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { formatYuan } from '../src/domain/money.js';
import type { Archive, Person } from '../src/domain/customer/archive.js';
import type { Category } from '../src/domain/customer/categories.js';
import type { Completeness, MissingField } from '../src/domain/customer/completeness.js';
import { coverageWarnings } from '../src/domain/customer/development.js';
import {
  BUYER_ROLE_LABEL, CREDIT_RATING_LABEL, INDUSTRY_POSITION_LABEL, NATURE_LABEL,
} from '../src/domain/customer/enums.js';
import {
  ARCHIVE_NO_LABEL, COMPANY_LABEL, CREATED_ON_LABEL, PERSON_ATTR_LABEL, PERSON_LABEL, fieldLabel, type CompanyField,
} from '../src/domain/customer/labels.js';
import { stageText, type StageState } from '../src/domain/customer/lifecycle.js';
import { HISTORY_TABS, HISTORY_TAB_LABEL, type HistoryView } from '../src/domain/customer/history.js';
import { SECTIONS, SECTION_LABEL } from '../src/domain/customer/sections.js';
import { button, buttonRow, card, fields, hr, md, note, type Card, type CardElement } from './kit.js';
import {
  CUSTOMER_ACTIONS, CUSTOMER_HISTORY_ACTION, CUSTOMER_MORE_ACTIONS, CUSTOMER_OWNER_ACTIONS, byteSize, clip, categoryTags, categoryText, progressBar, same, shorten, stageColor,
} from './customer-parts.js';

export interface ArchiveCardView {
  customerId: string;
  archiveNo: string;
  /** YYYY-MM-DD. */
  createdOn: string;
  /** Already filtered by visibleArchive for the reader. */
  archive: Archive;
  personal: boolean;
  canEdit: boolean;
  stage: StageState;
  categories: readonly Category[];
  ownerName: string | null;
  completeness: Completeness;
  nextMissing: MissingField | null;
  /** False hides "plan a visit" (no handler registered for it yet). Default true. */
  canPlanVisit?: boolean;
  /** Shows "set / transfer the owner" (managers, the director, admins). */
  canAssignOwner?: boolean;
  /** Shows the stage, category, record and development buttons (for the owner's line). */
  lifecycleActions?: boolean;
  /** The automatic high-value suggestion, when transactions passed the threshold and the category is not set. */
  highValueHint?: I18nText | null;
  /** Shown first: the copy posted in a group says what it leaves out and where the full one went. */
  audienceNote?: I18nText | null;
  /** One page of the customer's history (transactions, visits, …), newest first. */
  history?: HistoryView | null;
  /** Tab and page buttons (false on the group copy, which carries no buttons). Default true. */
  historyButtons?: boolean;
  /**
   * The reader asked for a history tab or page. When the archive is too large to carry its
   * history too, the card then shows the history with the archive's sections folded away;
   * otherwise (just opened) it shows the archive with one button to its history.
   */
  historyFocus?: boolean;
}

/** How much of the card the history takes: all of it fits; a button to it; or the history alone. */
type Mode = 'full' | 'entry' | 'history';

/**
 * The history section: a button per tab (with its count), one line per row, and 上一页/下一页.
 * Each button carries { c, t, p }; the handler re-reads everything and answers with this card.
 */
function historyElements(v: ArchiveCardView, h: HistoryView, max: number): CardElement[] {
  const c = v.customerId;
  const label = HISTORY_TAB_LABEL[h.tab];
  const out: CardElement[] = [hr()];
  const head = i18n(`**历史记录 · ${label.zh_cn}**（共 ${h.counts[h.tab]} 条，第 ${h.page}/${h.pages} 页，最新在前）`, `**History · ${label.en_us}** (${h.counts[h.tab]} in all, page ${h.page}/${h.pages}, newest first)`);
  out.push(md(head));
  const withButtons = v.historyButtons !== false;
  if (withButtons) {
    out.push(buttonRow(HISTORY_TABS.map((t) => button({
      text: i18n(`${HISTORY_TAB_LABEL[t].zh_cn} ${h.counts[t]}`, `${HISTORY_TAB_LABEL[t].en_us} ${h.counts[t]}`),
      type: t === h.tab ? 'primary' : 'default',
      value: { k: CUSTOMER_HISTORY_ACTION, c, t, p: 1 },
    }))));
  }
  const detailMax = Math.min(max, 40);
  const line = (r: HistoryView['rows'][number], l: 'zh_cn' | 'en_us') =>
    [r.date, r.what[l], r.detail ? shorten(r.detail, detailMax) : null, r.by ? shorten(r.by, 20) : null].filter(Boolean).join(' · ');
  out.push(h.rows.length
    ? md(i18n(h.rows.map((r) => `- ${line(r, 'zh_cn')}`).join('\n'), h.rows.map((r) => `- ${line(r, 'en_us')}`).join('\n')))
    : note(i18n(`暂无${label.zh_cn}记录`, `No ${label.en_us.toLowerCase()} recorded yet`)));
  if (withButtons && h.pages > 1) {
    const pager: CardElement[] = [];
    if (h.page > 1) pager.push(button({ text: i18n('上一页', 'Previous'), type: 'text', value: { k: CUSTOMER_HISTORY_ACTION, c, t: h.tab, p: h.page - 1 } }));
    if (h.page < h.pages) pager.push(button({ text: i18n('下一页', 'Next'), type: 'text', value: { k: CUSTOMER_HISTORY_ACTION, c, t: h.tab, p: h.page + 1 } }));
    out.push(buttonRow(pager));
  }
  return out;
}

type Row = [I18nText, I18nText | string];

function companyValue(a: Archive, k: CompanyField, max: number): I18nText | string | null {
  const v = a[k as keyof Archive];
  if (v === undefined || v === null) return null;
  switch (k) {
    case 'registeredCapitalFen': return formatYuan(v as number);
    case 'nature': return NATURE_LABEL[a.nature!];
    case 'industryPosition': return INDUSTRY_POSITION_LABEL[a.industryPosition!];
    case 'creditRating': return CREDIT_RATING_LABEL[a.creditRating!];
    case 'sales': {
      const years = Object.keys(a.sales).sort().reverse().slice(0, 3);
      if (!years.length) return null;
      return i18n(years.map((y) => `${y}年 ${formatYuan(a.sales[y]!)}`).join('；'), years.map((y) => `${y} ${formatYuan(a.sales[y]!)}`).join('; '));
    }
    case 'ownerId': return null;
    default: return typeof v === 'number' ? String(v) : shorten(String(v), max);
  }
}

const SECTION_FIELDS: Record<'basic' | 'registration' | 'size_nature' | 'business' | 'credit', CompanyField[]> = {
  basic: ['name', 'address', 'postcode', 'phone', 'fax', 'email'],
  registration: ['foundingDate', 'registeredCapitalFen', 'majorShareholders', 'bank', 'accountNumber'],
  size_nature: ['employees', 'chineseStaff', 'foreignStaff', 'nature', 'industryPosition'],
  business: ['mainBusiness', 'additionalBusiness', 'sales'],
  credit: ['creditRating'],
};

function companyBlock(title: I18nText, a: Archive, keys: CompanyField[], max: number): CardElement {
  const rows: Row[] = [];
  for (const k of keys) {
    const v = companyValue(a, k, max);
    if (v !== null) rows.push([COMPANY_LABEL[k], v]);
  }
  return blockOf(title, rows);
}

function blockOf(title: I18nText, rows: Row[]): CardElement {
  if (!rows.length) return md(i18n(`**${title.zh_cn}**\n<font color='grey'>未填写</font>`, `**${title.en_us}**\n<font color='grey'>Not filled in</font>`));
  const body = fields(rows);
  return md(i18n(`**${title.zh_cn}**\n${body.content as string}`, `**${title.en_us}**\n${(body.i18n_content as { en_us: string }).en_us}`));
}

function personRows(p: Person, personal: boolean, max: number, roles?: I18nText): Row[] {
  const rows: Row[] = [];
  const head = [p.name, p.position, p.phone].filter(Boolean).map((s) => shorten(s!, Math.min(60, max * 2))).join(' · ');
  if (head || roles) rows.push([PERSON_ATTR_LABEL.name, roles ? i18n(`${head}（${roles.zh_cn}）`, `${head} (${roles.en_us})`) : head]);
  if (p.education) rows.push([PERSON_ATTR_LABEL.education, shorten(p.education, max)]);
  if (personal) {
    if (p.birthDate) rows.push([PERSON_ATTR_LABEL.birthDate, p.birthDate]);
    if (p.hobbies) rows.push([PERSON_ATTR_LABEL.hobbies, shorten(p.hobbies, max)]);
    if (p.family) rows.push([PERSON_ATTR_LABEL.family, shorten(p.family, max)]);
  }
  return rows;
}

function peopleElements(v: ArchiveCardView, max: number): CardElement[] {
  const a = v.archive;
  const out: CardElement[] = [];
  const rows: Row[] = [];
  for (const slot of ['legalRep', 'personInCharge'] as const) {
    const p = a[slot];
    if (p) rows.push(...personRows(p, v.personal, max).map(([k, val]): Row => [i18n(`${PERSON_LABEL[slot].zh_cn}${k.zh_cn}`, `${PERSON_LABEL[slot].en_us} ${k.en_us.toLowerCase()}`), val]));
  }
  out.push(blockOf(SECTION_LABEL.people, rows));
  const contactRows: Row[] = a.contacts.flatMap((c, i) => {
    const roles = c.buyerRoles.length
      ? i18n(c.buyerRoles.map((r) => BUYER_ROLE_LABEL[r].zh_cn).join('、'), c.buyerRoles.map((r) => BUYER_ROLE_LABEL[r].en_us).join(', '))
      : undefined;
    return personRows(c, v.personal, max, roles).map(([k, val], j): Row => [j === 0 ? i18n(`联系人${i + 1}`, `Contact ${i + 1}`) : k, val]);
  });
  out.push(blockOf(SECTION_LABEL.contacts, contactRows));
  for (const w of coverageWarnings(a.contacts)) out.push(note(i18n(`⚠️ ${w.zh_cn}`, `⚠️ ${w.en_us}`)));
  return out;
}

function buttons(v: ArchiveCardView): CardElement[] {
  const c = v.customerId;
  const main: CardElement[] = [];
  if (v.canEdit && v.nextMissing?.section) {
    const l = v.nextMissing.label;
    main.push(button({ text: i18n(`补充：${l.zh_cn}`, `Fill in: ${l.en_us}`), type: 'primary', value: { k: CUSTOMER_ACTIONS.ask, c, f: v.nextMissing.field } }));
  }
  if (v.canPlanVisit !== false) main.push(button({ text: i18n('计划拜访', 'Plan a visit'), value: { k: CUSTOMER_ACTIONS.planVisit, c } }));
  if (v.canAssignOwner) {
    main.push(button({ text: v.ownerName ? i18n('转交负责人', 'Transfer owner') : i18n('设置负责人', 'Set owner'), type: v.ownerName ? 'default' : 'primary', value: { k: CUSTOMER_OWNER_ACTIONS.owner, c } }));
  }
  const out = main.length ? [buttonRow(main)] : [];
  if (v.lifecycleActions) {
    const m = CUSTOMER_MORE_ACTIONS;
    out.push(buttonRow([
      button({ text: i18n('变更阶段', 'Change stage'), value: { k: m.stage, c } }),
      button({ text: i18n('客户分类', 'Categories'), value: { k: m.category, c } }),
      button({ text: i18n('开发申请', 'Development application'), value: { k: m.develop, c } }),
      button({ text: i18n('记录交易', 'Record a transaction'), type: 'text', value: { k: m.record, c, r: 'transaction' } }),
      button({ text: i18n('记录投诉', 'Record a complaint'), type: 'text', value: { k: m.record, c, r: 'complaint' } }),
      button({ text: i18n('记录问题', 'Record a question'), type: 'text', value: { k: m.record, c, r: 'question' } }),
      button({ text: i18n('调研资料', 'Research material'), type: 'text', value: { k: m.record, c, r: 'research' } }),
    ]));
  }
  if (v.canEdit) {
    out.push(note(i18n('编辑档案：', 'Edit a section:')));
    out.push(buttonRow(SECTIONS.map((s) => button({ text: SECTION_LABEL[s], type: 'text', value: { k: CUSTOMER_ACTIONS.edit, c, s } }))));
  }
  return out;
}

function historyEntry(v: ArchiveCardView, h: HistoryView): CardElement[] {
  const total = HISTORY_TABS.reduce((n, t) => n + h.counts[t], 0);
  const line = md(i18n(`**历史记录**（共 ${total} 条）`, `**History** (${total} in all)`));
  if (v.historyButtons === false) return [hr(), line];
  return [hr(), line, button({ text: i18n('查看历史记录', 'Show the history'), value: { k: CUSTOMER_HISTORY_ACTION, c: v.customerId, t: h.tab, p: 1 } })];
}

const FOLDED = i18n('档案内容较多，此处只显示历史记录；点「完整档案」查看档案全部内容。', 'This archive is long, so only its history is shown here; tap "Full archive" to see the whole archive.');

function build(v: ArchiveCardView, max: number, mode: Mode = 'full'): Card {
  const a = v.archive;
  const comp = v.completeness;
  const missing = comp.missing.slice(0, 3).map(fieldLabel);
  const compLine = i18n(
    `**档案完整度** ${progressBar(comp.score)}（${comp.filled}/${comp.required}）${missing.length ? `\n待补充：${missing.map((m) => m.zh_cn).join('、')}${comp.missing.length > 3 ? ' 等' : ''}` : ''}`,
    `**Completeness** ${progressBar(comp.score)} (${comp.filled}/${comp.required})${missing.length ? `\nMissing: ${missing.map((m) => m.en_us).join(', ')}${comp.missing.length > 3 ? ', …' : ''}` : ''}`,
  );
  const elements: CardElement[] = [
    ...(v.audienceNote ? [note(v.audienceNote)] : []),
    fields([
      [ARCHIVE_NO_LABEL, v.archiveNo],
      [CREATED_ON_LABEL, v.createdOn],
      [i18n('阶段', 'Stage'), stageText(v.stage)],
      [i18n('分类', 'Categories'), categoryText(v.categories)],
      [COMPANY_LABEL.ownerId, v.ownerName ? shorten(v.ownerName, 40) : i18n('未指定', 'Unassigned')],
    ]),
    md(compLine),
    ...(v.highValueHint ? [md(i18n(`💡 ${v.highValueHint.zh_cn}，建议设为高值客户`, `💡 ${v.highValueHint.en_us}; consider marking it high value`)),
      ...(v.lifecycleActions ? [button({ text: i18n('设为高值客户', 'Mark as high value'), type: 'primary', value: { k: CUSTOMER_MORE_ACTIONS.category, c: v.customerId, cat: 'high_value' } })] : [])] : []),
  ];
  if (mode === 'history' && v.history) {
    elements.push(note(FOLDED), ...historyElements(v, v.history, max), hr(), button({ text: i18n('完整档案', 'Full archive'), type: 'primary', value: { k: CUSTOMER_ACTIONS.open, c: v.customerId } }));
  } else {
    elements.push(
      hr(),
      companyBlock(SECTION_LABEL.basic, a, SECTION_FIELDS.basic.filter((k) => k !== 'name'), max),
      companyBlock(SECTION_LABEL.registration, a, SECTION_FIELDS.registration, max),
      ...peopleElements(v, max),
      companyBlock(SECTION_LABEL.size_nature, a, SECTION_FIELDS.size_nature, max),
      companyBlock(SECTION_LABEL.business, a, SECTION_FIELDS.business, max),
      companyBlock(SECTION_LABEL.credit, a, SECTION_FIELDS.credit, max),
    );
    if (v.history) elements.push(...(mode === 'entry' ? historyEntry(v, v.history) : historyElements(v, v.history, max)));
    if (!v.personal && !v.audienceNote) {
      elements.push(note(i18n('生日、爱好、家庭等个人信息仅负责专员、其经理、总监和内勤可见', 'Birth dates, hobbies and family are visible only to the owner, their manager, the director and the assistant')));
    }
    elements.push(hr(), ...buttons(v));
  }
  const title = clip(a.name ?? v.archiveNo, 60);
  return card({
    title: same(title),
    subtitle: i18n(`${v.archiveNo} · ${stageText(v.stage).zh_cn}`, `${v.archiveNo} · ${stageText(v.stage).en_us}`),
    template: stageColor(v.stage.stage),
    tags: categoryTags(v.categories),
    summary: i18n(`客户档案：${title}`, `Customer archive: ${title}`),
    elements,
  });
}

/** Leaves headroom under 30 KB for the callback envelope and future fields. */
const BUDGET = 28 * 1024;

function shrinking(v: ArchiveCardView, mode: Mode): Card {
  let built = build(v, 200, mode);
  for (const max of [80, 30, 10]) {
    if (byteSize(built) <= BUDGET) break;
    built = build(v, max, mode);
  }
  return built;
}

export function customerArchiveCard(v: ArchiveCardView): Card {
  const full = shrinking(v, 'full');
  if (byteSize(full) <= BUDGET || !v.history) return full;
  // The archive alone nearly fills a card: its history gets a button, or (asked for) the card.
  return shrinking(v, v.historyFocus ? 'history' : 'entry');
}
