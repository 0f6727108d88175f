/**
 * What a card button or form hands a feature: the clicked action (checked at the callback by
 * `CardActionEvent`), the operator, a transaction, and what the handler answers (a toast and/or
 * the new card). The callback plumbing that calls these lives in the gateway (src/lark).
 */
import { z } from 'zod';
import type { Tx } from '../../db/client.js';
import type { DecodedActionValue } from '../../cards/action-value.js';
import type { Card } from '../../cards/kit.js';
import type { I18nText } from '../domain/i18n.js';
import type { Member } from '../domain/roster.js';
import type { Deps } from './deps.js';

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
  action: CardActionEvent['action'];
  messageId: string | null;
  chatId: string | null;
  /** The c-… token for a delayed update (30 min, 2 uses), usable only after this answer. */
  updateToken: string | null;
}

export type CardHandler = (ctx: CardContext, value: DecodedActionValue) => Promise<CardResponse>;

export const toast = (type: NonNullable<CardResponse['toast']>['type'], text: I18nText): CardResponse => ({
  toast: { type, content: text.zh_cn, i18n: { zh_cn: text.zh_cn, en_us: text.en_us } },
});
