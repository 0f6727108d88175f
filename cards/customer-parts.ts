/**
 * Pieces shared by the customer cards: the button kinds they emit, category tags, the
 * completeness bar and text shortening. The action kinds are the contract with the card-action
 * dispatcher; each handler re-checks the roster, never trusting the value.
 */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { CATEGORY_LABEL, type Category } from '../src/domain/customer/categories.js';
import type { Stage } from '../src/domain/customer/lifecycle.js';
import { mdEscape, type HeaderColor, type TagColor } from './kit.js';

/**
 * Button values (all flat, see action-value.ts):
 * - customer.open   { c }              show the archive card
 * - customer.edit   { c, s, i? }       open a section form (i: contact index, null = new contact)
 * - customer.save   { c, s, i? }       form submit of that section
 * - customer.ask    { c, f }           ask the owner for one missing field (f: FieldKey)
 * - customer.create { n, force: true } create despite a duplicate warning (n: the typed name)
 * - visit.plan      { c }              start a visit plan for the customer
 */
export const CUSTOMER_ACTIONS = {
  open: 'customer.open',
  edit: 'customer.edit',
  save: 'customer.save',
  ask: 'customer.ask',
  create: 'customer.create',
  planVisit: 'visit.plan',
} as const;

/**
 * The lifecycle and record buttons (src/app/customer/card-handlers*.ts):
 * - customer.stage          { c }        the stage form;  customer.stage.save { c, ver }
 * - customer.category       { c, cat? }  the category form (cat pre-selected); customer.category.save { c }
 * - customer.record         { c, r }     a record form (r: transaction | complaint | question | research); customer.record.save { c, r }
 * - customer.develop        { c }        the development application form; customer.develop.submit { c }
 */
export const CUSTOMER_MORE_ACTIONS = {
  stage: 'customer.stage',
  stageSave: 'customer.stage.save',
  category: 'customer.category',
  categorySave: 'customer.category.save',
  record: 'customer.record',
  recordSave: 'customer.record.save',
  develop: 'customer.develop',
  developSubmit: 'customer.develop.submit',
  /** { p, r, ver }: the edited application sent again after a rejection or a return. */
  developResubmit: 'customer.develop.resubmit',
} as const;

/**
 * The owner buttons (src/app/customer/owner-handlers.ts):
 * - customer.owner       { c }        the owner form (person picker)
 * - customer.owner.save  { c, ver }   form submit: set or transfer the owner
 */
export const CUSTOMER_OWNER_ACTIONS = {
  owner: 'customer.owner',
  ownerSave: 'customer.owner.save',
} as const;

/** customer.history { c, t, p }: the archive card showing history tab t (HistoryTab), page p. */
export const CUSTOMER_HISTORY_ACTION = 'customer.history';

/** customer.question.answer { q }: form submit of the answer to open question q. */
export const CUSTOMER_QUESTION_ACTIONS = { answer: 'customer.question.answer' } as const;

const CATEGORY_COLOR: Record<Category, TagColor> = { important: 'red', high_value: 'orange', group: 'violet', strategic: 'indigo' };
export const categoryTags = (categories: readonly Category[]): { text: I18nText; color: TagColor }[] =>
  categories.map((c) => ({ text: CATEGORY_LABEL[c], color: CATEGORY_COLOR[c] }));

export const categoryText = (categories: readonly Category[]): I18nText =>
  categories.length
    ? i18n(categories.map((c) => CATEGORY_LABEL[c].zh_cn).join('、'), categories.map((c) => CATEGORY_LABEL[c].en_us).join(', '))
    : i18n('未分类', 'None');

export function stageColor(stage: Stage): HeaderColor {
  if (stage === 'won' || stage === 'serving') return 'green';
  if (stage === 'lost' || stage === 'churned') return 'grey';
  if (stage === 'negotiating' || stage === 'developing') return 'orange';
  return 'blue';
}

/** "▰▰▰▰▰▰▱▱▱▱ 60%": a text bar reads the same in every client and costs a few bytes. */
export function progressBar(score: number, width = 10): string {
  const full = Math.max(0, Math.min(width, Math.round((score / 100) * width)));
  return `${'▰'.repeat(full)}${'▱'.repeat(width - full)} ${score}%`;
}

/** User text for plain_text fields (titles, buttons): cut to `max` characters, no escaping. */
export function clip(s: string, max: number): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return [...flat].length > max ? `${[...flat].slice(0, max).join('')}…` : flat;
}

/** User text for markdown: escaped, newlines flattened, cut to `max` characters with an ellipsis. */
export function shorten(s: string, max: number): string {
  const flat = s.replace(/\s*\n\s*/g, ' / ');
  const cut = max > 0 && [...flat].length > max ? `${[...flat].slice(0, max).join('')}…` : flat;
  return mdEscape(cut);
}

export const same = (s: string): I18nText => ({ zh_cn: s, en_us: s });

export const byteSize = (value: unknown): number => new TextEncoder().encode(JSON.stringify(value)).length;
