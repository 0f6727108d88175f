/** Helpers the customer card handlers share: answers with a card, sending and refreshing archives. */
import type { Card } from '../../../cards/kit.js';
import type { I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { enqueueSend } from '../outbox.js';
import { toast, type CardContext, type CardResponse } from '../card-handler.js';
import type { CustomerRow } from './store.js';
import { archiveCardFor, customerSubject, refreshCustomerCards, viewEnv } from './view.js';

export const withCard = (r: CardResponse, card: Card): CardResponse => ({ ...r, card: { type: 'raw', data: card } });

/**
 * Sends the viewer their own copy of the archive card, recorded so later changes refresh it.
 * Always to their direct chat: the card clicked may sit in a group, and this copy carries what
 * only they may see (issue 18).
 */
export async function sendArchive(ctx: CardContext, row: CustomerRow, to: Member = ctx.operator): Promise<void> {
  const card = await archiveCardFor(ctx.tx, ctx.deps, await viewEnv(ctx.tx, ctx.roster), row, to, ctx.now);
  await enqueueSend(ctx, { openId: to.openId }, { card }, { subject: customerSubject(row.id, to.openId) });
}

/** The clicker's view of the customer now, and every other recorded copy refreshed. */
export async function afterChange(ctx: CardContext, row: CustomerRow, text: I18nText): Promise<CardResponse> {
  await refreshCustomerCards(ctx.tx, ctx.deps, row, ctx.now, ctx.messageId ? { exceptMessageId: ctx.messageId } : {});
  const card = await archiveCardFor(ctx.tx, ctx.deps, await viewEnv(ctx.tx, ctx.roster), row, ctx.operator, ctx.now);
  return withCard(toast('success', text), card);
}

