/**
 * What a card button or form hands a feature: the clicked action (checked at the callback by
 * `CardActionEvent`), the operator and the roster (read once per click), a transaction, and what
 * the action answers (a toast and/or the new card). A feature declares each button as a
 * `CardAction`: the kind its value carries, the schema that value must meet and what a click
 * does. The callback (src/lark/card-callback.ts) checks the value against the schema once; a
 * tampered or outdated value gets `TAMPERED` and nothing runs.
 */
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import type { Card } from '../../cards/kit.js';
import { readCardForm, type FormField, type FormValues } from '../domain/card-form.js';
import { DomainError } from '../domain/errors.js';
import { i18n, type I18nText } from '../domain/i18n.js';
import type { Member, Roster } from '../domain/roster.js';
import type { Deps } from './deps.js';
import type { SettingsRows } from './settings-rows.js';

const UserId = z.object({ open_id: z.string().optional(), union_id: z.string().optional(), user_id: z.string().optional() });

/** `card.action.trigger`'s event (lark.md §3.3). */
export const CardActionEvent = z.object({
  operator: UserId.extend({ tenant_key: z.string().optional() }),
  token: z.string().optional(),
  action: z.object({
    tag: z.string().optional(),
    value: z.unknown().optional(),
    name: z.string().optional(),
    form_value: z.record(z.string(), z.unknown()).optional(),
    input_value: z.string().optional(),
    option: z.string().optional(),
    options: z.array(z.string()).optional(),
    checked: z.boolean().optional(),
    timezone: z.string().optional(),
  }),
  host: z.string().optional(),
  context: z.object({ open_message_id: z.string().optional(), open_chat_id: z.string().optional() }).partial().optional(),
});
export type CardActionEvent = z.infer<typeof CardActionEvent>;

export interface CardResponse {
  toast?: { type: 'success' | 'info' | 'warning' | 'error'; content: string; i18n: { zh_cn: string; en_us: string } };
  card?: { type: 'raw'; data: Card };
}

export interface CardContext {
  deps: Deps;
  tx: Tx;
  now: Date;
  operator: Member;
  /** Everyone on the roster as it was when the click arrived (the operator included). */
  roster: Roster;
  /** The settings rows the click reads, read once on first use (src/app/settings-rows.ts). */
  settings: SettingsRows;
  action: CardActionEvent['action'];
  messageId: string | null;
  chatId: string | null;
  /** The c-… token for a delayed update (30 min, 2 uses), usable only after this answer. */
  updateToken: string | null;
}

/** One card button (or form submit): the `k` it carries, the value it must carry, what a click does. */
export interface CardAction<V = unknown> {
  kind: string;
  /** Checked against the decoded envelope (`v`, `k` and the button's fields); extra fields are ignored. */
  value: z.ZodType<V>;
  run(ctx: CardContext, value: V): Promise<CardResponse>;
  /**
   * Further kinds that reach this action: one action whose verbs the cards name by kind (cards
   * already sent cannot be renamed). Its value schema tells the verbs apart.
   */
  aliases?: readonly string[];
}

export const cardAction = <S extends z.ZodType>(
  kind: string,
  value: S,
  run: (ctx: CardContext, value: z.output<S>) => Promise<CardResponse>,
  o: { aliases?: readonly string[] } = {},
): CardAction => ({ kind, value, run: run as CardAction['run'], ...(o.aliases ? { aliases: o.aliases } : {}) });

/** The answer to a button value that is not what its card sends: tampered, or from an older card. */
export const TAMPERED = i18n('按钮内容无效或已过期，未做任何更改。请打开最新的卡片再操作。', 'This button is not valid or is out of date; nothing was changed. Please use the latest card.');

/** The actions by kind (aliases included), or an error naming the kind two of them claim (checked once, at start). */
export function distinctKinds(actions: readonly CardAction[]): ReadonlyMap<string, CardAction> {
  const byKind = new Map<string, CardAction>();
  for (const a of actions) {
    for (const k of [a.kind, ...(a.aliases ?? [])]) {
      const other = byKind.get(k);
      if (other) throw new Error(`card action kind "${k}" is claimed twice (${other.kind} and ${a.kind})`);
      byKind.set(k, a);
    }
  }
  return byKind;
}

export const toast = (type: NonNullable<CardResponse['toast']>['type'], text: I18nText): CardResponse => ({
  toast: { type, content: text.zh_cn, i18n: { zh_cn: text.zh_cn, en_us: text.en_us } },
});

/** The click's form, read with `fields`; a bad field refuses the click, naming what is wrong. */
export function formOf<F extends Record<string, FormField<unknown>>>(ctx: Pick<CardContext, 'action'>, fields: F): FormValues<F> {
  const read = readCardForm(ctx.action.form_value, fields);
  if (!read.ok) throw new DomainError('VALIDATION', read.problem);
  return read.values;
}

/** What a click on an action with value schema `S` runs. */
export type CardRun<S extends z.ZodType> = (ctx: CardContext, value: z.output<S>) => Promise<CardResponse>;
