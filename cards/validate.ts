/**
 * Checks a card against the rules Feishu enforces for JSON 2.0 (lark.md §3.6, lark-more.md §3),
 * so a card the bot builds never bounces with 230099/200861 in production. Used by the tests
 * for every card builder, by the sandbox emulator (it rejects what Feishu rejects) and by the
 * outbox before sending.
 */
export const CARD_MAX_BYTES = 30 * 1024;
const MAX_ELEMENTS = 200;
const MAX_DEPTH = 5;

const TEXT_TAGS = new Set(['plain_text', 'lark_md']);
const KNOWN_TAGS = new Set([
  'markdown', 'div', 'hr', 'column_set', 'column', 'button', 'form', 'input', 'date_picker', 'picker_time',
  'picker_datetime', 'select_static', 'multi_select_static', 'select_person', 'multi_select_person', 'overflow',
  'checker', 'img', 'img_combination', 'chart', 'table', 'person', 'person_list', 'collapsible_panel',
  'interactive_container', 'text_tag', 'standard_icon', 'custom_icon',
]);
const REMOVED_IN_2 = new Set(['note', 'action']);
const CONTAINERS = new Set(['column_set', 'column', 'form', 'collapsible_panel', 'interactive_container']);
const INTERACTIVE_IN_FORM = new Set([
  'input', 'date_picker', 'picker_time', 'picker_datetime', 'select_static', 'multi_select_static',
  'select_person', 'multi_select_person', 'checker',
]);
const FORM_ONLY = new Set(['multi_select_static', 'multi_select_person']);
const HEADER_TEMPLATES = new Set([
  'blue', 'wathet', 'turquoise', 'green', 'yellow', 'orange', 'red', 'carmine', 'violet', 'purple', 'indigo', 'grey', 'default',
]);
const BUTTON_TYPES = new Set(['default', 'primary', 'danger', 'text', 'primary_text', 'danger_text', 'primary_filled', 'danger_filled', 'laser']);
const ROOT_KEYS = new Set(['schema', 'config', 'card_link', 'header', 'body']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

export interface CardProblem {
  path: string;
  message: string;
}

export function validateCard(card: unknown): CardProblem[] {
  const problems: CardProblem[] = [];
  const add = (path: string, message: string): void => {
    problems.push({ path, message });
  };
  if (!isObj(card)) return [{ path: '$', message: 'card must be an object' }];

  const bytes = new TextEncoder().encode(JSON.stringify(card)).length;
  if (bytes > CARD_MAX_BYTES) add('$', `card is ${bytes} bytes, over the 30 KB limit`);
  for (const k of Object.keys(card)) if (!ROOT_KEYS.has(k)) add(`$.${k}`, `unknown root property "${k}" (2.0 rejects unknown properties)`);
  if (card.schema !== '2.0') add('$.schema', 'schema must be "2.0"');
  if ('elements' in card || 'i18n_elements' in card) add('$', 'elements belong under body in 2.0');
  if (isObj(card.config) && card.config.update_multi === false) add('$.config.update_multi', 'must be true: 2.0 cards are shared');

  if (card.header !== undefined) checkHeader(card.header, add);
  const body = card.body;
  if (!isObj(body) || !Array.isArray(body.elements)) {
    add('$.body.elements', 'body.elements must be an array');
    return problems;
  }

  const names = new Map<string, string>();
  const elementIds = new Set<string>();
  let count = 0;
  let tables = 0;
  let charts = 0;

  const walk = (el: unknown, path: string, depth: number, inForm: boolean, atRoot: boolean): void => {
    if (!isObj(el)) return add(path, 'element must be an object');
    count++;
    const tag = el.tag;
    if (typeof tag !== 'string') return add(path, 'element has no tag');
    if (REMOVED_IN_2.has(tag)) return add(path, `tag "${tag}" is not supported in 2.0`);
    if (!KNOWN_TAGS.has(tag)) return add(path, `unknown tag "${tag}"`);
    if (CONTAINERS.has(tag) && depth > MAX_DEPTH) add(path, `containers nest deeper than ${MAX_DEPTH}`);

    if (typeof el.element_id === 'string') {
      if (!/^[A-Za-z][A-Za-z0-9_]{0,19}$/.test(el.element_id)) add(path, `element_id "${el.element_id}" must be ≤20 letters/digits/_ starting with a letter`);
      if (elementIds.has(el.element_id)) add(path, `element_id "${el.element_id}" is not unique`);
      elementIds.add(el.element_id);
    }
    if (typeof el.name === 'string' && (INTERACTIVE_IN_FORM.has(tag) || tag === 'button' || tag === 'form')) {
      const seen = names.get(el.name);
      if (seen) add(path, `name "${el.name}" is already used at ${seen}; names must be unique in a card`);
      else names.set(el.name, path);
    }
    if (inForm && INTERACTIVE_IN_FORM.has(tag) && typeof el.name !== 'string') add(path, `${tag} inside a form needs a name`);
    if (!inForm && FORM_ONLY.has(tag)) add(path, `${tag} works only inside a form`);
    if (!inForm && el.required !== undefined && INTERACTIVE_IN_FORM.has(tag)) add(path, '`required` is only allowed inside a form');
    if (!inForm && el.form_action_type !== undefined) add(path, 'form_action_type only works inside a form');

    switch (tag) {
      case 'markdown':
        if (typeof el.content !== 'string') add(path, 'markdown needs string content');
        break;
      case 'button': {
        checkText(el.text, `${path}.text`, add);
        if (el.type !== undefined && !BUTTON_TYPES.has(String(el.type))) add(path, `button type "${String(el.type)}" is not valid`);
        if ('value' in el || 'url' in el) add(path, '2.0 buttons use behaviors, not value/url');
        const behaviors = el.behaviors;
        if (behaviors !== undefined && (!Array.isArray(behaviors) || behaviors.some((b) => !isObj(b) || (b.type !== 'callback' && b.type !== 'open_url')))) {
          add(path, 'behaviors must be callback/open_url objects');
        }
        if (el.form_action_type === undefined && behaviors === undefined) add(path, 'button does nothing (no behaviors)');
        if (el.confirm !== undefined) {
          if (!isObj(el.confirm)) add(path, 'confirm must be an object');
          else {
            checkText(el.confirm.title, `${path}.confirm.title`, add);
            checkText(el.confirm.text, `${path}.confirm.text`, add);
          }
        }
        break;
      }
      case 'input': {
        const max = el.max_length;
        if (max !== undefined && (typeof max !== 'number' || max < 1 || max > 1000)) add(path, 'input max_length must be 1–1000');
        if (typeof el.default_value === 'string' && typeof max === 'number' && el.default_value.length > max) add(path, 'default_value is longer than max_length');
        break;
      }
      case 'date_picker':
        if (el.initial_date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(String(el.initial_date))) add(path, 'initial_date must be yyyy-MM-dd');
        break;
      case 'select_static':
      case 'multi_select_static':
        if (!Array.isArray(el.options) || el.options.length === 0) add(path, `${tag} needs options`);
        else {
          const values = new Set<string>();
          el.options.forEach((o, i) => {
            if (!isObj(o) || typeof o.value !== 'string') return add(`${path}.options[${i}]`, 'option needs a string value');
            if (values.has(o.value)) add(`${path}.options[${i}]`, `duplicate option value "${o.value}"`);
            values.add(o.value);
            checkText(o.text, `${path}.options[${i}].text`, add);
          });
          if (el.initial_option !== undefined && !values.has(String(el.initial_option))) add(path, 'initial_option is not one of the options');
        }
        break;
      case 'select_person':
        if (Array.isArray(el.options) && el.options.some((o) => !isObj(o) || typeof o.value !== 'string' || !o.value.startsWith('ou_'))) {
          add(path, 'select_person options take open_ids (ou_…) only');
        }
        break;
      case 'table':
        tables++;
        if (!atRoot) add(path, 'a table must be a direct child of body.elements');
        if (typeof el.page_size === 'number' && (el.page_size < 1 || el.page_size > 10)) add(path, 'table page_size must be 1–10');
        if (Array.isArray(el.columns) && el.columns.length > 50) add(path, 'a table has at most 50 columns');
        break;
      case 'chart':
        charts++;
        if (inForm) add(path, 'a chart cannot sit inside a form');
        if (!isObj(el.chart_spec)) add(path, 'chart needs chart_spec');
        break;
      case 'form':
        if (inForm) add(path, 'a form cannot contain a form');
        if (typeof el.name !== 'string') add(path, 'form needs a name');
        break;
    }

    const children: [unknown[], string][] = [];
    if (Array.isArray(el.elements)) children.push([el.elements, `${path}.elements`]);
    if (Array.isArray(el.columns) && tag === 'column_set') children.push([el.columns, `${path}.columns`]);
    for (const [list, p] of children) {
      list.forEach((child, i) => {
        if (tag === 'column_set' && isObj(child) && child.tag !== 'column') add(`${p}[${i}]`, 'column_set children must be columns');
        if ((tag === 'column' || tag === 'collapsible_panel' || tag === 'interactive_container') && isObj(child) && (child.tag === 'form' || child.tag === 'table')) {
          add(`${p}[${i}]`, `a ${tag} cannot contain a ${String(child.tag)}`);
        }
        walk(child, `${p}[${i}]`, depth + (CONTAINERS.has(tag) ? 1 : 0), inForm || tag === 'form', false);
      });
    }
  };

  body.elements.forEach((el, i) => walk(el, `$.body.elements[${i}]`, 1, false, true));
  if (count > MAX_ELEMENTS) add('$.body', `card has ${count} elements, over ${MAX_ELEMENTS}`);
  if (tables > 5) add('$.body', 'at most 5 tables per card');
  if (charts > 5) add('$.body', 'at most 5 charts per card');
  return problems;
}

function checkHeader(header: unknown, add: (p: string, m: string) => void): void {
  if (!isObj(header)) return add('$.header', 'header must be an object');
  checkText(header.title, '$.header.title', add, true);
  if (header.subtitle !== undefined) checkText(header.subtitle, '$.header.subtitle', add, true);
  if (header.template !== undefined && !HEADER_TEMPLATES.has(String(header.template))) add('$.header.template', `unknown template "${String(header.template)}"`);
  if (Array.isArray(header.text_tag_list) && header.text_tag_list.length > 3) add('$.header.text_tag_list', 'at most 3 header tags');
}

function checkText(t: unknown, path: string, add: (p: string, m: string) => void, plainOnly = false): void {
  if (!isObj(t)) return add(path, 'text object required');
  if (!TEXT_TAGS.has(String(t.tag)) || (plainOnly && t.tag !== 'plain_text')) add(path, `text tag must be ${plainOnly ? 'plain_text' : 'plain_text or lark_md'}`);
  if (typeof t.content !== 'string') add(path, 'text needs string content');
}

/** Throws with every problem listed; for the outbox and tests. */
export function assertValidCard(card: unknown): void {
  const problems = validateCard(card);
  if (problems.length) throw new Error(`invalid card: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
}
