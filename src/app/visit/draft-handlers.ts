/**
 * Buttons of the message drafts: pick the visit, confirm, edit (a pre-filled form whose save
 * shows the confirm card again), discard. Only the draft's owner may act; a draft finished by
 * another click answers with a toast and changes nothing.
 */
import { eq } from 'drizzle-orm';
import { reportDrafts } from '../../../db/schema/index.js';
import { z } from 'zod';
import { RefValue, SerialValue } from '../../../cards/action-value.js';
import { cardAction, toast, type CardAction, type CardRun } from '../card-handler.js';
import { draftEditCard } from '../../../cards/visit-draft-form.js';
import { VISIT_ACTIONS as A } from '../../../cards/visit-parts.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { DRAFT_KINDS } from './draft-registry.js';
import { draftGone, finishDraft, openDraft } from './draft-store.js';
import { describeSubject, draftCard } from './take-report.js';

const DraftValue = z.object({ d: SerialValue });
const AttachValue = z.object({ d: SerialValue, s: RefValue });

const onAttach: CardRun<typeof AttachValue> = async (ctx, v) => {
  const draft = await openDraft(ctx.tx, v.d, ctx.operator.openId);
  const spec = DRAFT_KINDS[draft.kind];
  const s = v.s;
  const cands = await spec.candidates(ctx.tx, ctx.operator.openId);
  if (!cands.some((c) => c.subjectId === s)) throw new DomainError('CONFLICT', i18n('这一项已不在等待中，请重新发送。', 'That one is no longer waiting; please send the report again.'));
  const fields = spec.complete ? await spec.complete(ctx.tx, s, draft.fields) : draft.fields;
  const [row] = await ctx.tx.update(reportDrafts).set({ subjectId: s, fields: fields as Record<string, unknown>, updatedAt: ctx.now }).where(eq(reportDrafts.id, draft.id)).returning();
  return { card: { type: 'raw', data: await draftCard(ctx.tx, spec, row!, ctx.deps.config.timeZone) } };
};

const onConfirm: CardRun<typeof DraftValue> = async (ctx, v) => {
  const draft = await openDraft(ctx.tx, v.d, ctx.operator.openId);
  if (!draft.subjectId) throw new DomainError('PRECONDITION_FAILED', i18n('请先选择是哪一次。', 'Pick which one it is first.'));
  const spec = DRAFT_KINDS[draft.kind];
  if (!(await finishDraft(ctx.tx, draft.id, 'confirmed', ctx.now))) throw draftGone();
  const card = await spec.confirm(ctx.tx, draft.subjectId, draft.fields, { deps: ctx.deps, now: ctx.now, actor: ctx.operator, messageId: ctx.messageId });
  return { ...toast('success', i18n('已确认提交。', 'Confirmed.')), card: { type: 'raw', data: card } };
};

const onEdit: CardRun<typeof DraftValue> = async (ctx, v) => {
  const draft = await openDraft(ctx.tx, v.d, ctx.operator.openId);
  if (!draft.subjectId) throw new DomainError('PRECONDITION_FAILED', i18n('请先选择是哪一次。', 'Pick which one it is first.'));
  const spec = DRAFT_KINDS[draft.kind];
  const subject = await describeSubject(ctx.tx, spec.subjectType, draft.subjectId, ctx.deps.config.timeZone);
  return { card: { type: 'raw', data: draftEditCard({ id: draft.id, kind: draft.kind, subject, fields: draft.fields, timeZone: ctx.deps.config.timeZone }) } };
};

const onSave: CardRun<typeof DraftValue> = async (ctx, v) => {
  const draft = await openDraft(ctx.tx, v.d, ctx.operator.openId);
  const spec = DRAFT_KINDS[draft.kind];
  const fields = spec.fromForm((ctx.action.form_value ?? {}) as Record<string, unknown>, ctx.now, ctx.deps.config.timeZone);
  const [row] = await ctx.tx.update(reportDrafts).set({ fields: fields as Record<string, unknown>, updatedAt: ctx.now }).where(eq(reportDrafts.id, draft.id)).returning();
  return { ...toast('success', i18n('已保存，请确认。', 'Saved; please confirm.')), card: { type: 'raw', data: await draftCard(ctx.tx, spec, row!, ctx.deps.config.timeZone) } };
};

const onDiscard: CardRun<typeof DraftValue> = async (ctx, v) => {
  const draft = await openDraft(ctx.tx, v.d, ctx.operator.openId);
  if (!(await finishDraft(ctx.tx, draft.id, 'discarded', ctx.now))) throw draftGone();
  const spec = DRAFT_KINDS[draft.kind];
  const card = await draftCard(ctx.tx, spec, { ...draft, status: 'discarded' }, ctx.deps.config.timeZone);
  return { ...toast('info', i18n('已取消，未保存。', 'Discarded.')), card: { type: 'raw', data: card } };
};

export const DRAFT_CARD_ACTIONS: CardAction[] = [
  cardAction(A.draftAttach, AttachValue, onAttach),
  cardAction(A.draftConfirm, DraftValue, onConfirm),
  cardAction(A.draftEdit, DraftValue, onEdit),
  cardAction(A.draftSave, DraftValue, onSave),
  cardAction(A.draftDiscard, DraftValue, onDiscard),
];
