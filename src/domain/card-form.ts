/**
 * Reading what a card form sends back (`form_value`, keyed by each component's `name`): inputs
 * and single selects arrive as strings, multi-selects and person pickers (multi) as arrays,
 * date pickers as "2024-04-01 +0800", a number as a string or a number (lark.md §3.3). Nothing
 * from the client is trusted: every field is checked here, and a bad one is named in the
 * person's language. Pure: a problem becomes a refusal that changes nothing.
 *
 * Two ways in, one voice: `readCardForm(formValue, { name: field.text(…), … })` reads a form
 * declared whole and lists every bad field; the `read*` functions below read one field where a
 * use case reads its form step by step, and throw the field's problem.
 */
import { z } from 'zod';
import { DomainError } from './errors.js';
import { i18n, type I18nText } from './i18n.js';
import { parseYuan } from './money.js';
import { parseDatePhrase } from './parse/dates.js';
import { zonedTime } from './time.js';

export interface FormField<T> {
  label: I18nText;
  required: boolean;
  /** Checks a value that is present (strings trimmed, never empty). */
  schema: z.ZodType<T>;
  /** What is said when the field is missing (if required) or not valid; by default it names the field. */
  problem: I18nText | null;
  /** Why a present value is refused, after the field's name (「名称」最多 10 个字). */
  invalid: readonly [zh: string, en: string];
  /** The value of a field left empty. */
  empty: T;
}

interface Common<R extends boolean> {
  required?: R;
  problem?: I18nText;
}

type Maybe<T, R extends boolean> = R extends true ? T : T | null;

const NOT_VALID = ['无效', 'is not valid'] as const;

const make = <T, E>(label: I18nText, schema: z.ZodType<T>, o: Common<boolean>, empty: E, invalid: readonly [string, string] = NOT_VALID): FormField<T | E> => ({
  label,
  required: o.required === true,
  schema,
  problem: o.problem ?? null,
  invalid,
  empty,
});

const chars = (max: number) => z.string().refine((v) => [...v].length <= max);
const ISO_DAY = z.iso.date();
/** A date picker's "2026-11-20 +0800" or a typed "2026-11-20", as the day it names. */
const dayOf = (s: string): string | null => {
  const day = /^\d{4}-\d{2}-\d{2}(\s|$)/.test(s) ? s.slice(0, 10) : s;
  return ISO_DAY.safeParse(day).success ? day : null;
};

const optionOf = (options: readonly string[]) => z.string().refine((v) => options.includes(v));
const oneOrMany = (item: z.ZodType<string>) => z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(item).max(200));
const openId = z.string().min(1).max(64);
const CHOICE = ['选项无效', 'is not one of the options'] as const;
const BAD_DATE = ['日期无效，请用 YYYY-MM-DD', 'is not a valid date (YYYY-MM-DD)'] as const;

/** The kinds of form component, each read the way Feishu sends it. */
export const field = {
  /** An input or textarea. */
  text: <R extends boolean = false>(label: I18nText, o: Common<R> & { max?: number } = {}) =>
    make(label, chars(o.max ?? 5000), o, null, [`最多 ${o.max ?? 5000} 个字`, `at most ${o.max ?? 5000} characters`]) as FormField<Maybe<string, R>>,
  /** A single select: one of `options`. */
  select: <const O extends string, R extends boolean = false>(label: I18nText, options: readonly O[], o: Common<R> = {}) =>
    make(label, optionOf(options) as unknown as z.ZodType<O>, o, null, CHOICE) as FormField<Maybe<O, R>>,
  /** A multi-select (an array; a lone string counts as one); `options` limits the choice. */
  multi: <const O extends string = string>(label: I18nText, options?: readonly O[], o: Common<boolean> = {}) =>
    make(label, oneOrMany(options ? optionOf(options) : z.string().max(512)) as unknown as z.ZodType<O[]>, o, [] as O[], CHOICE) as FormField<O[]>,
  /** A date picker: the day as "YYYY-MM-DD" (the picker's zone suffix dropped). */
  date: <R extends boolean = false>(label: I18nText, o: Common<R> = {}) =>
    make(label, z.string().transform((v, c) => dayOf(v) ?? (c.addIssue({ code: 'custom', message: 'date' }), z.NEVER)), o, null, BAD_DATE) as FormField<Maybe<string, R>>,
  /** A person picker: one open_id. */
  person: <R extends boolean = false>(label: I18nText, o: Common<R> = {}) => make(label, openId, o, null) as FormField<Maybe<string, R>>,
  /** A multi person picker: open_ids. */
  people: (label: I18nText, o: Common<boolean> = {}) => make(label, oneOrMany(openId), o, [] as string[]) as FormField<string[]>,
  /** A number typed into an input (or sent as one). */
  number: <R extends boolean = false>(label: I18nText, o: Common<R> & { min?: number; max?: number; int?: boolean } = {}) => {
    let n = z.coerce.number().refine(Number.isFinite);
    if (o.int) n = n.refine(Number.isInteger);
    if (o.min !== undefined) n = n.refine((v) => v >= o.min!);
    if (o.max !== undefined) n = n.refine((v) => v <= o.max!);
    return make(label, n, o, null) as FormField<Maybe<number, R>>;
  },
};

export type FormValues<F extends Record<string, FormField<unknown>>> = { [K in keyof F]: F[K] extends FormField<infer T> ? T : never };

export type FormRead<F extends Record<string, FormField<unknown>>> =
  | { ok: true; values: FormValues<F> }
  /** One line per bad field, in the form's order; `problem` is them all together. */
  | { ok: false; problems: I18nText[]; problem: I18nText };

const present = (raw: unknown): unknown => {
  if (typeof raw === 'string') return raw.trim() || undefined;
  if (Array.isArray(raw)) {
    const items = raw.map((x) => (typeof x === 'string' ? x.trim() : x)).filter((x) => x !== '' && x !== null && x !== undefined);
    return items.length ? items : undefined;
  }
  return raw ?? undefined;
};

/** 「预算」不是有效金额 / Budget: is not an amount: the one way a field's problem is said. */
const fieldProblem = (label: I18nText, zh: string, en: string): I18nText => i18n(`「${label.zh_cn}」${zh}`, `${label.en_us}: ${en}`);
/** The refusal naming the field, for a use case that checks more than the form reader can. */
export const fieldError = (label: I18nText, zh: string, en: string): DomainError => new DomainError('VALIDATION', fieldProblem(label, zh, en));
const bad = fieldError;
const missing = (label: I18nText) => fieldProblem(label, '不能为空', 'is required');

/** Reads every field of `fields` from a form_value (anything: it came from the client). */
export function readCardForm<F extends Record<string, FormField<unknown>>>(formValue: unknown, fields: F): FormRead<F> {
  const raw = formValue && typeof formValue === 'object' && !Array.isArray(formValue) ? (formValue as Record<string, unknown>) : {};
  const values: Record<string, unknown> = {};
  const problems: I18nText[] = [];
  for (const [name, f] of Object.entries(fields)) {
    const v = Object.hasOwn(raw, name) ? present(raw[name]) : undefined;
    if (v === undefined) {
      if (f.required) problems.push(f.problem ?? missing(f.label));
      values[name] = f.empty;
      continue;
    }
    const parsed = f.schema.safeParse(v);
    if (parsed.success) values[name] = parsed.data;
    else problems.push(f.problem ?? fieldProblem(f.label, ...f.invalid));
  }
  if (!problems.length) return { ok: true, values: values as FormValues<F> };
  // Two fields sharing their words (「choose a category and set or clear」) say them once.
  problems.splice(0, problems.length, ...problems.filter((p, i) => problems.findIndex((q) => q.zh_cn === p.zh_cn) === i));
  return { ok: false, problems, problem: i18n(problems.map((p) => p.zh_cn).join('\n'), problems.map((p) => p.en_us).join('\n')) };
}

// One field at a time. Each takes the whole form_value and the field's name and label.

/** Form text: trimmed, blank → null, refused (naming the field) past `max` characters. */
export function readText(values: Record<string, unknown>, name: string, label: I18nText, max: number, required = false): string | null {
  const raw = values[name];
  const s = raw === undefined || raw === null ? '' : String(raw).trim();
  if (!s) {
    if (required) throw bad(label, '不能为空', 'is required');
    return null;
  }
  if ([...s].length > max) throw bad(label, `最多 ${max} 个字`, `at most ${max} characters`);
  return s;
}

export function readList(values: Record<string, unknown>, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.map(String) : v ? [String(v)] : [];
}

/** A date_picker value ("2026-11-20 +0800") or a typed YYYY-MM-DD, checked to be a real day; blank → null. */
export function readDate(values: Record<string, unknown>, name: string, label: I18nText, required = false): string | null {
  const s = readText(values, name, label, 40, required);
  if (s === null) return null;
  const day = dayOf(s);
  if (!day) throw bad(label, ...BAD_DATE);
  return day;
}

/** One of `allowed`; blank → null. */
export function readChoice<T extends string>(values: Record<string, unknown>, name: string, label: I18nText, allowed: readonly T[], required = false): T | null {
  const s = readText(values, name, label, 40, required);
  if (s === null) return null;
  if (!(allowed as readonly string[]).includes(s)) throw bad(label, ...CHOICE);
  return s as T;
}

/** A count typed in a box ("1,200" allowed): a whole number from 0; blank → null. */
export function readCount(values: Record<string, unknown>, name: string, label: I18nText, required = false): number | null {
  const s = readText(values, name, label, 30, required);
  if (s === null) return null;
  const digits = s.replace(/[,，\s]/g, '');
  if (!/^\d{1,9}$/.test(digits)) throw bad(label, '应为整数', 'must be a whole number');
  return Number(digits);
}

/**
 * Integer fen from a yuan box; blank is null (or refused if `required`). `signed` lets a minus
 * through, for a use case whose own rule says why an amount must be above zero.
 */
export function readMoney(values: Record<string, unknown>, name: string, label: I18nText, o: { required: true; signed?: boolean }): number;
export function readMoney(values: Record<string, unknown>, name: string, label: I18nText, o?: { required?: boolean; signed?: boolean }): number | null;
export function readMoney(values: Record<string, unknown>, name: string, label: I18nText, o: { required?: boolean; signed?: boolean } = {}): number | null {
  const s = readText(values, name, label, 30, o.required);
  if (s === null) return null;
  const fen = parseYuan(s);
  if (fen === null || (fen < 0 && !o.signed)) throw bad(label, '不是有效金额，例如 3000 或 1.2万', 'is not an amount, e.g. 3000');
  return fen;
}

/**
 * A date-time picker value ("2026-12-03 14:30 +0800": the reader's offset), or what a person
 * types in a box ("2026-12-03 14:30", "下周三下午两点"): the typed forms are read in the company zone.
 */
export function readDateTime(values: Record<string, unknown>, name: string, label: I18nText, o: { now: Date; timeZone: string; required?: boolean; direction?: 'past' | 'future' }): Date | null {
  const s = readText(values, name, label, 60, o.required);
  if (s === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?(?:\s*([+-])(\d{2}):?(\d{2}))?$/.exec(s);
  if (m) {
    const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number];
    const probe = new Date(Date.UTC(y, mo - 1, d));
    if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59) throw bad(label, '日期无效', 'is not a valid date');
    if (m[6]) {
      const offset = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8])) * 60_000;
      return new Date(Date.UTC(y, mo - 1, d, h, mi) - offset);
    }
    return zonedTime(o.timeZone, y, mo, d, h, mi);
  }
  const phrase = parseDatePhrase(s, o.now, o.timeZone, { direction: o.direction ?? 'future' });
  if (!phrase) throw bad(label, '看不懂这个时间，请写成 2026-12-03 14:30 或「下周三下午两点」', 'is not a date I can read; write 2026-12-03 14:30');
  return phrase.at;
}

/** "12-02", "2026-12-02", "12月2日" → 'YYYY-MM-DD' (the next such day). */
export function readDay(values: Record<string, unknown>, name: string, label: I18nText, now: Date, timeZone: string): string | null {
  const s = readText(values, name, label, 20);
  if (s === null) return null;
  const full = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const short = /^(\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (full || short) {
    const [y, mo, d] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : [null, Number(short![1]), Number(short![2])];
    const year = y ?? Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(now));
    const probe = new Date(Date.UTC(year, mo - 1, d));
    if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) throw bad(label, '日期无效', 'is not a valid date');
    return `${year}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  const phrase = parseDatePhrase(s, now, timeZone);
  if (!phrase) throw bad(label, '日期无效，请写成 12-02', 'is not a valid date, e.g. 12-02');
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(phrase.at);
}
