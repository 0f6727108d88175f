/**
 * The archive card's buttons (CUSTOMER_ACTIONS except visit.plan, which the visits feature
 * owns). Values only say which customer and section the card showed; every handler re-reads
 * the customer and the roster, so who may act never comes from the card.
 */
import { z } from 'zod';
import { customerDuplicateCard } from '../../../cards/customer-duplicate.js';
import { CUSTOMER_ACTIONS, CUSTOMER_HISTORY_ACTION } from '../../../cards/customer-parts.js';
import { HISTORY_PAGE_MAX, HISTORY_TABS } from '../../domain/customer/history.js';
import { SECTIONS } from '../../domain/customer/sections.js';
import { visibleArchive } from '../../domain/customer/visibility.js';
import { i18n } from '../../domain/i18n.js';
import { cardAction, TAMPERED, toast, type CardAction, type CardRun } from '../card-handler.js';
import { askField, editCardFor } from './ask.js';
import { createCustomer } from './create.js';
import { saveSection } from './save-section.js';
import { archiveOf, forbiddenEdit, loadCustomer } from './store.js';
import { archiveCardFor, viewEnv } from './view.js';
import { afterChange, sendArchive, withCard } from './card-common.js';
import { CUSTOMER_MORE_CARD_ACTIONS } from './card-handlers-more.js';
import { CUSTOMER_OWNER_CARD_ACTIONS } from './owner-handlers.js';
import { CUSTOMER_FEEDBACK_CARD_ACTIONS } from './feedback-handlers.js';
import { askForOwner } from './assign-owner.js';
import { enqueueSend } from '../outbox.js';

const id = z.string().min(1).max(64);
const OpenValue = z.object({ c: id });
const EditValue = z.object({ c: id, s: z.enum(SECTIONS), i: z.number().int().min(0).max(50).nullish(), ver: z.number().int().positive().optional() });
const AskValue = z.object({ c: id, f: z.string().min(1).max(64) });
const HistoryValue = z.object({ c: id, t: z.enum(HISTORY_TABS), p: z.number().int().min(1).max(HISTORY_PAGE_MAX) });
const CreateValue = z.object({ n: z.string().min(1).max(100), force: z.literal(true) });

const onOpen: CardRun<typeof OpenValue> = async (ctx, v) => {
  const row = await loadCustomer(ctx.tx, v.c);
  await sendArchive(ctx, row);
  return toast('success', i18n(`已打开「${row.name}」的档案`, `Opened ${row.name}`));
};

const onEdit: CardRun<typeof EditValue> = async (ctx, v) => {
  const row = await loadCustomer(ctx.tx, v.c);
  const roster = ctx.roster;
  const seen = visibleArchive(archiveOf(row), roster.get(ctx.operator.openId) ?? ctx.operator, row.ownerId, roster);
  if (!seen.canEdit) throw forbiddenEdit();
  return { card: { type: 'raw', data: editCardFor(row, v.s, seen.personal, ctx.now, ctx.deps.config.timeZone, v.s === 'contacts' ? (v.i ?? null) : null) } };
};

const onSave: CardRun<typeof EditValue> = async (ctx, v) => {
  const saved = await saveSection(
    ctx.tx,
    { customerId: v.c, section: v.s, values: ctx.action.form_value ?? {}, contactIndex: v.s === 'contacts' ? (v.i ?? null) : null, version: v.ver, actor: ctx.operator },
    ctx,
  );
  return afterChange(ctx, saved, i18n('档案已保存', 'Archive saved'));
};

const onAsk: CardRun<typeof AskValue> = async (ctx, v) => {
  const r = await askField(ctx.tx, { customerId: v.c, field: v.f, actor: ctx.operator }, ctx);
  if (r.mode === 'self') return { card: { type: 'raw', data: r.card } };
  return toast('success', i18n(`已请 ${r.ownerName} 补充`, `Asked ${r.ownerName} to fill it in`));
};

/**
 * A history tab or page: the clicked card becomes the clicker's own view of the archive at that
 * page (rendered for them from the roster, so a forwarded card shows nobody else's view).
 */
const onHistory: CardRun<typeof HistoryValue> = async (ctx, v) => {
  const row = await loadCustomer(ctx.tx, v.c);
  const card = await archiveCardFor(ctx.tx, ctx.deps, await viewEnv(ctx.tx, ctx.roster), row, ctx.operator, ctx.now, { history: { tab: v.t, page: v.p } });
  return { card: { type: 'raw', data: card } };
};

const onCreate: CardRun<typeof CreateValue> = async (ctx, v) => {
  const r = await createCustomer(ctx.tx, { name: v.n, actor: ctx.operator, force: true, sourceMessageId: ctx.messageId }, ctx);
  if ('duplicates' in r) return withCard(toast('warning', TAMPERED), customerDuplicateCard({ name: v.n, duplicates: r.duplicates }));
  const card = await archiveCardFor(ctx.tx, ctx.deps, await viewEnv(ctx.tx, ctx.roster), r.created, ctx.operator, ctx.now);
  const ask = await askForOwner(ctx.tx, r.created, ctx.operator, ctx.deps);
  if (ask) await enqueueSend(ctx, { openId: ctx.operator.openId }, { card: ask });
  // The warning card becomes the new archive, so "create anyway" cannot be clicked again.
  return withCard(toast('success', i18n(`已建档：${r.created.archiveNo}`, `Created ${r.created.archiveNo}`)), card);
};

export const CUSTOMER_CARD_ACTIONS: CardAction[] = [
  cardAction(CUSTOMER_ACTIONS.open, OpenValue, onOpen),
  cardAction(CUSTOMER_HISTORY_ACTION, HistoryValue, onHistory),
  cardAction(CUSTOMER_ACTIONS.edit, EditValue, onEdit),
  cardAction(CUSTOMER_ACTIONS.save, EditValue, onSave),
  cardAction(CUSTOMER_ACTIONS.ask, AskValue, onAsk),
  cardAction(CUSTOMER_ACTIONS.create, CreateValue, onCreate),
  ...CUSTOMER_MORE_CARD_ACTIONS,
  ...CUSTOMER_OWNER_CARD_ACTIONS,
  ...CUSTOMER_FEEDBACK_CARD_ACTIONS,
];
