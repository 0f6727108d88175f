/**
 * Buttons of the sales-target cards: list another period, the set form and its save, the change
 * form and its submit, a target's versions; and of the KPI card: export, previous period.
 */
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { cardMessages } from '../../../db/schema/index.js';
import { TARGET_CHANGE, TARGET_CHANGE_FORM, TARGET_FORM, TARGET_HISTORY, TARGET_HISTORY_PICK, TARGET_LIST, TARGET_SET } from '../../../cards/targets.js';
import { i18n } from '../../domain/i18n.js';
import { cardAction, formOf, TAMPERED, toast, type CardAction, type CardRun } from '../card-handler.js';
import { field } from '../../domain/card-form.js';
import { APPROVAL_SUBJECT, cardForCopy, parseApprovalSubject } from '../approval/render.js';
import { changeById } from './targets-store.js';
import {
  requestChangeFromForm, resubmitChangeFromForm, setTargetFromForm, targetChangeFormFor, targetHistoryFor, targetHistoryPickFor, targetPeriod, targetsCardFor, targetSetFormFor,
} from './targets.js';
import { salesTargetChanges } from '../../../db/schema/index.js';
import { requestKpiExportFromCard } from './export.js';
import { kpiAskFromValue, kpiCardOf } from './report.js';

const Id = z.string().min(1).max(64);
const ListValue = z.object({ k: z.literal(TARGET_LIST), p: z.string().max(10) });
const FormValue = z.object({ k: z.literal(TARGET_FORM), p: z.string().max(10).optional() });
const SetValue = z.object({ k: z.literal(TARGET_SET) });
const ChangeFormValue = z.object({ k: z.literal(TARGET_CHANGE_FORM), t: Id.optional() });
const ChangeValue = z.object({ k: z.literal(TARGET_CHANGE), t: z.string().max(64).optional(), r: Id.optional(), ver: z.number().int().nonnegative().optional() });
const HistoryValue = z.object({ k: z.literal(TARGET_HISTORY), t: Id.optional() });
const HistoryForm = { th_target: field.text(i18n('指标', 'Target'), { required: true, max: 64, problem: i18n('请选择指标。', 'Choose a target.') }) };
const HistoryPickValue = z.object({ k: z.literal(TARGET_HISTORY_PICK), p: z.string().max(10) });

const onList: CardRun<typeof ListValue> = async (ctx, v) => {
  return { card: { type: 'raw', data: await targetsCardFor(ctx.tx, ctx.operator, targetPeriod(v.p), { now: ctx.now, timeZone: ctx.deps.config.timeZone }) } };
};

const onForm: CardRun<typeof FormValue> = async (ctx, v) => {
  return { card: { type: 'raw', data: await targetSetFormFor(ctx.tx, ctx.operator, { now: ctx.now, timeZone: ctx.deps.config.timeZone, periodKey: v.p }) } };
};

const onSet: CardRun<typeof SetValue> = async (ctx) => {
  const { period, notice } = await setTargetFromForm(ctx.tx, ctx.operator, ctx.action.form_value ?? {}, ctx);
  return { ...toast('success', notice), card: { type: 'raw', data: await targetsCardFor(ctx.tx, ctx.operator, period, { now: ctx.now, timeZone: ctx.deps.config.timeZone, notice }) } };
};

const onChangeForm: CardRun<typeof ChangeFormValue> = async (ctx, v) => {
  return { card: { type: 'raw', data: await targetChangeFormFor(ctx.tx, ctx.operator, { now: ctx.now, timeZone: ctx.deps.config.timeZone, targetId: v.t ?? null }) } };
};

const onChange: CardRun<typeof ChangeValue> = async (ctx, v) => {
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

const onHistory: CardRun<typeof HistoryValue> = async (ctx, v) => {
  const picked = v.t ?? formOf(ctx, HistoryForm).th_target;
  return { card: { type: 'raw', data: await targetHistoryFor(ctx.tx, ctx.operator, picked, ctx.deps.config.timeZone) } };
};

const onHistoryPick: CardRun<typeof HistoryPickValue> = async (ctx, v) => {
  return { card: { type: 'raw', data: await targetHistoryPickFor(ctx.tx, ctx.operator, targetPeriod(v.p)) } };
};

export const TARGET_CARD_ACTIONS: CardAction[] = [
  cardAction(TARGET_LIST, ListValue, onList),
  cardAction(TARGET_FORM, FormValue, onForm),
  cardAction(TARGET_SET, SetValue, onSet),
  cardAction(TARGET_CHANGE_FORM, ChangeFormValue, onChangeForm),
  cardAction(TARGET_CHANGE, ChangeValue, onChange),
  cardAction(TARGET_HISTORY, HistoryValue, onHistory),
  cardAction(TARGET_HISTORY_PICK, HistoryPickValue, onHistoryPick),
];

const KpiValue = z.object({ k: z.enum(['kpi.export', 'kpi.view']), p: z.string().max(10), s: z.string().max(80) });

/** `kpi.export`: the file is built and sent by the outbox; the click is answered at once. */
const onKpiExport: CardRun<typeof KpiValue> = async (ctx, v) => {
  await requestKpiExportFromCard(ctx.tx, ctx.operator.openId, v, { now: ctx.now, timeZone: ctx.deps.config.timeZone, ids: ctx.deps.ids });
  return toast('success', i18n('正在生成，稍后发送到私聊。', 'Building the file; it will arrive in your private chat shortly.'));
};

/** `kpi.view`: the card for another period of the same scope, re-checked against the clicker's role. */
const onKpiView: CardRun<typeof KpiValue> = async (ctx, v) => {
  const c = { now: ctx.now, timeZone: ctx.deps.config.timeZone };
  return { card: { type: 'raw', data: await kpiCardOf(ctx.tx, await kpiAskFromValue(ctx.tx, ctx.operator.openId, v, c), c) } };
};

export const KPI_CARD_ACTIONS: CardAction[] = [cardAction('kpi.export', KpiValue, onKpiExport), cardAction('kpi.view', KpiValue, onKpiView)];
