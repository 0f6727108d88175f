/**
 * Reading what a card form sends back (`form_value`, keyed by each component's `name`): inputs
 * and single selects arrive as strings, multi-selects and person pickers (multi) as arrays,
 * date pickers as "2024-04-01 +0800", a number as a string or a number (lark.md §3.3). Nothing
 * from the client is trusted: every field is checked here, and a bad one is named in the
 * person's language. Pure: the card handlers turn a problem into a refusal that changes nothing.
 */
import { z } from 'zod';
import { i18n, type I18nText } from './i18n.js';
import { parseDateKey } from './requests/kinds.js';

export interface FormField<T> {
  label: I18nText;
  required: boolean;
  /** Checks a value that is present (strings trimmed, never empty). */
  schema: z.ZodType<T>;
  /** What is said when the field is missing (if required) or not valid; by default it names the field. */
  problem: I18nText | null;
  /** The value of a field left empty. */
  empty: T;
}

interface Common<R extends boolean> {
  required?: R;
  problem?: I18nText;
}

type Maybe<T, R extends boolean> = R extends true ? T : T | null;

const make = <T, E>(label: I18nText, schema: z.ZodType<T>, o: Common<boolean>, empty: E): FormField<T | E> => ({
  label,
  required: o.required === true,
  schema,
  problem: o.problem ?? null,
  empty,
});

const optionOf = (options: readonly string[]) => z.string().refine((v) => options.includes(v));
const oneOrMany = (item: z.ZodType<string>) => z.preprocess((v) => (Array.isArray(v) ? v : [v]), z.array(item).max(200));
const openId = z.string().min(1).max(64);

/** The kinds of form component, each read the way Feishu sends it. */
export const field = {
  /** An input or textarea. */
  text: <R extends boolean = false>(label: I18nText, o: Common<R> & { max?: number } = {}) =>
    make(label, z.string().max(o.max ?? 5000), o, null) as FormField<Maybe<string, R>>,
  /** A single select: one of `options`. */
  select: <const O extends string, R extends boolean = false>(label: I18nText, options: readonly O[], o: Common<R> = {}) =>
    make(label, optionOf(options) as unknown as z.ZodType<O>, o, null) as FormField<Maybe<O, R>>,
  /** A multi-select (an array; a lone string counts as one); `options` limits the choice. */
  multi: <const O extends string = string>(label: I18nText, options?: readonly O[], o: Common<boolean> = {}) =>
    make(label, oneOrMany(options ? optionOf(options) : z.string().max(512)) as unknown as z.ZodType<O[]>, o, [] as O[]) as FormField<O[]>,
  /** A date picker: the day as "YYYY-MM-DD" (the picker's zone suffix dropped). */
  date: <R extends boolean = false>(label: I18nText, o: Common<R> = {}) =>
    make(label, z.string().transform((v, c) => parseDateKey(v) ?? (c.addIssue({ code: 'custom', message: 'date' }), z.NEVER)), o, null) as FormField<Maybe<string, R>>,
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

const missing = (label: I18nText) => i18n(`请填写「${label.zh_cn}」。`, `Fill in ${label.en_us}.`);
const invalid = (label: I18nText) => i18n(`「${label.zh_cn}」的内容无效，请检查。`, `${label.en_us} is not valid; please check it.`);

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
    else problems.push(f.problem ?? invalid(f.label));
  }
  if (!problems.length) return { ok: true, values: values as FormValues<F> };
  // Two fields sharing their words (「choose a category and set or clear」) say them once.
  problems.splice(0, problems.length, ...problems.filter((p, i) => problems.findIndex((q) => q.zh_cn === p.zh_cn) === i));
  return { ok: false, problems, problem: i18n(problems.map((p) => p.zh_cn).join('\n'), problems.map((p) => p.en_us).join('\n')) };
}
