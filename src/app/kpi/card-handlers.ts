/**
 * Buttons of the sales-target cards: list another period, the set form and its save, the change
 * form and its submit, a target's versions; and of the KPI card: export, previous period.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { cardMessages } from '../../../db/schema/index.js';
import { decodeActionValue } from '../../../cards/action-value.js';
import { TARGET_CHANGE, TARGET_CHANGE_FORM, TARGET_FORM, TARGET_HISTORY, TARGET_HISTORY_PICK, TARGET_LIST, TARGET_SET } from '../../../cards/targets.js';
import { i18n } from '../../domain/i18n.js';
import { toast, type CardHandler } from '../card-handler.js';
import { APPROVAL_SUBJECT, cardForCopy, parseApprovalSubject } from '../approval/render.js';
import { changeById } from './targets-store.js';
import {
  requestChangeFromForm, resubmitChangeFromForm, setTargetFromForm, targetChangeFormFor, targetHistoryFor, targetHistoryPickFor, targetPeriod, targetsCardFor, targetSetFormFor,
} from './targets.js';
import { salesTargetChanges } from '../../../db/schema/index.js';
import { requestKpiExportFromCard } from './export.js';
import { kpiAskFromValue, kpiCardOf } from './report.js';

const TAMPERED = i18n('按钮内容无效或已过期，未做任何更改。', 'This button is not valid or is out of date; nothing was changed.');
const Id = z.string().min(1).max(64);
const ListValue = z.object({ k: z.literal(TARGET_LIST), p: z.string().max(10) });
const FormValue = z.object({ k: z.literal(TARGET_FORM), p: z.string().max(10).optional() });
const SetValue = z.object({ k: z.literal(TARGET_SET) });
const ChangeFormValue = z.object({ k: z.literal(TARGET_CHANGE_FORM), t: Id.optional() });
const ChangeValue = z.object({ k: z.literal(TARGET_CHANGE), t: z.string().max(64).optional(), r: Id.optional(), ver: z.number().int().nonnegative().optional() });
const HistoryValue = z.object({ k: z.literal(TARGET_HISTORY), t: Id.optional() });
const HistoryPickValue = z.object({ k: z.literal(TARGET_HISTORY_PICK), p: z.string().max(10) });

const parse = <T extends z.ZodType>(schema: T, raw: unknown): z.output<T> | null => {
  const v = schema.safeParse(decodeActionValue(raw as never));
  return v.success ? v.data : null;
};

const onList: CardHandler = async (ctx, raw) => {
  const v = parse(ListValue, raw);
  if (!v) return toast('warning', TAMPERED);
  return { card: { type: 'raw', data: await targetsCardFor(ctx.tx, ctx.operator, targetPeriod(v.p), { now: ctx.now, timeZone: ctx.deps.config.timeZone }) } };
};

const onForm: CardHandler = async (ctx, raw) => {
  const v = parse(FormValue, raw);
  if (!v) return toast('warning', TAMPERED);
  return { card: { type: 'raw', data: await targetSetFormFor(ctx.tx, ctx.operator, { now: ctx.now, timeZone: ctx.deps.config.timeZone, periodKey: v.p }) } };
};

const onSet: CardHandler = async (ctx, raw) => {
  if (!parse(SetValue, raw)) return toast('warning', TAMPERED);
  const { period, notice } = await setTargetFromForm(ctx.tx, ctx.operator, ctx.action.form_value ?? {}, ctx);
  return { ...toast('success', notice), card: { type: 'raw', data: await targetsCardFor(ctx.tx, ctx.operator, period, { now: ctx.now, timeZone: ctx.deps.config.timeZone, notice }) } };
};

const onChangeForm: CardHandler = async (ctx, raw) => {
  const v = parse(ChangeFormValue, raw);
  if (!v) return toast('warning', TAMPERED);
  return { card: { type: 'raw', data: await targetChangeFormFor(ctx.tx, ctx.operator, { now: ctx.now, timeZone: ctx.deps.config.timeZone, targetId: v.t ?? null }) } };
};

const onChange: CardHandler = async (ctx, raw) => {
  const v = parse(ChangeValue, raw);
  if (!v) return toast('warning', TAMPERED);
  const form = ctx.action.form_value ?? {};
  if (!v.r) {
    const filed = await requestChangeFromForm(ctx.tx, ctx.operator, { targetId: v.t || null, form, formMessageId: ctx.messageId }, ctx);
    return { ...toast('success', i18n('已提交。', 'Submitted.')), card: { type: 'raw', data: filed } };
  }
  // Editing after a rejection or a return: the form was opened in place of the requester's progress card.
  const [change] = await ctx.tx.select({ id: salesTargetChanges.id }).from(salesTargetChanges).where(eq(salesTargetChanges.approvalId, v.r));
  if (!change || !(await changeById(ctx.tx, change.id))) return toast('warning', TAMPERED);
  const [copy] = ctx.messageId ? await ctx.tx.select().from(cardMessages).where(eq(cardMessages.messageId, ctx.messageId)) : [];
  const ours = copy?.subjectType === APPROVAL_SUBJECT && parseApprovalSubject(copy.subjectId).requestId === v.r;
  const clicked = copy && ours ? { messageId: copy.messageId, subjectId: copy.subjectId } : null;
  const { after, env } = await resubmitChangeFromForm(ctx.tx, ctx.operator, { approvalId: v.r, version: v.ver, changeId: change.id, form }, ctx, { clicked });
  const viewer = clicked ? parseApprovalSubject(clicked.subjectId).viewer : 'requester';
  return { ...toast('success', i18n('已重新提交，等待审批。', 'Submitted again for approval.')), card: { type: 'raw', data: cardForCopy(after, env, viewer) } };
};

const onHistory: CardHandler = async (ctx, raw) => {
  const v = parse(HistoryValue, raw);
  if (!v) return toast('warning', TAMPERED);
  const picked = v.t ?? ctx.action.form_value?.th_target;
  if (typeof picked !== 'string' || !picked) return toast('error', i18n('请选择指标。', 'Choose a target.'));
  return { card: { type: 'raw', data: await targetHistoryFor(ctx.tx, ctx.operator, picked, ctx.deps.config.timeZone) } };
};

const onHistoryPick: CardHandler = async (ctx, raw) => {
  const v = parse(HistoryPickValue, raw);
  if (!v) return toast('warning', TAMPERED);
  return { card: { type: 'raw', data: await targetHistoryPickFor(ctx.tx, ctx.operator, targetPeriod(v.p)) } };
};

export const TARGET_CARD_HANDLERS: Record<string, CardHandler> = {
  [TARGET_LIST]: onList,
  [TARGET_FORM]: onForm,
  [TARGET_SET]: onSet,
  [TARGET_CHANGE_FORM]: onChangeForm,
  [TARGET_CHANGE]: onChange,
  [TARGET_HISTORY]: onHistory,
  [TARGET_HISTORY_PICK]: onHistoryPick,
};

const KpiValue = z.object({ k: z.enum(['kpi.export', 'kpi.view']), p: z.string().max(10), s: z.string().max(80) });

/** `kpi.export`: the file is built and sent by the outbox; the click is answered at once. */
const onKpiExport: CardHandler = async (ctx, raw) => {
  const v = parse(KpiValue, raw);
  if (!v) return toast('warning', TAMPERED);
  await requestKpiExportFromCard(ctx.tx, ctx.operator.openId, v, { now: ctx.now, timeZone: ctx.deps.config.timeZone });
  return toast('success', i18n('正在生成，稍后发送到私聊。', 'Building the file; it will arrive in your private chat shortly.'));
};

/** `kpi.view`: the card for another period of the same scope, re-checked against the clicker's role. */
const onKpiView: CardHandler = async (ctx, raw) => {
  const v = parse(KpiValue, raw);
  if (!v) return toast('warning', TAMPERED);
  const c = { now: ctx.now, timeZone: ctx.deps.config.timeZone };
  return { card: { type: 'raw', data: await kpiCardOf(ctx.tx, await kpiAskFromValue(ctx.tx, ctx.operator.openId, v, c), c) } };
};

export const KPI_CARD_HANDLERS: Record<string, CardHandler> = { 'kpi.export': onKpiExport, 'kpi.view': onKpiView };
