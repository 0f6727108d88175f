/**
 * Lifecycle and record buttons on the archive card: change the stage, set/clear a category
 * (with the high-value suggestion), record a transaction/complaint/question/research note,
 * and the development application form and its submit.
 */
import { z } from 'zod';
import { categoryFormCard, recordFormCard, RECORD_KINDS, stageFormCard, RECORD_TITLE } from '../../../cards/customer-forms.js';
import { CUSTOMER_MORE_ACTIONS } from '../../../cards/customer-parts.js';
import { developmentFormCard } from '../../../cards/development-form.js';
import { colleaguesFor } from '../../domain/colleagues.js';
import { CATEGORIES, CATEGORY_LABEL } from '../../domain/customer/categories.js';
import { coverageWarnings } from '../../domain/customer/development.js';
import { SCREENINGS, STAGE_LABEL, STAGES } from '../../domain/customer/lifecycle.js';
import { canEditArchive } from '../../domain/customer/visibility.js';
import { DomainError } from '../../domain/errors.js';
import { i18n } from '../../domain/i18n.js';
import { cardAction, formOf, toast, type CardAction, type CardContext, type CardRun } from '../card-handler.js';
import { field } from '../../domain/card-form.js';
import { attachResearch } from './attach-research.js';
import { afterChange } from './card-common.js';
import { changeStage, VIA_APPROVAL } from './change-stage.js';
import { recordComplaint } from './record-complaint.js';
import { recordQuestion } from './record-question.js';
import { recordTransaction } from './record-transaction.js';
import { setCategory } from './set-category.js';
import { archiveOf, forbiddenEdit, loadCustomer, loadCustomerSettings, type CustomerRow } from './store.js';
import { resubmitDevelopment, submitDevelopment } from './submit-development.js';
import { highValueOf } from './view.js';

const id = z.string().min(1).max(64);
const C = z.object({ c: id });
const StageSave = z.object({ c: id, ver: z.number().int().positive().optional() });
const CategoryOpen = z.object({ c: id, cat: z.enum(CATEGORIES).optional() });
const RecordValue = z.object({ c: id, r: z.enum(RECORD_KINDS as [string, ...string[]]) });

/** The customer, if the clicker (from the roster) is in the owner's line. */
async function editable(ctx: CardContext, customerId: string): Promise<CustomerRow> {
  const row = await loadCustomer(ctx.tx, customerId);
  const roster = ctx.roster;
  if (!canEditArchive(roster.get(ctx.operator.openId) ?? ctx.operator, row.ownerId, roster)) throw forbiddenEdit();
  return row;
}

/** The record and development forms are read whole by their use cases; the stage and category forms here. */
const form = (ctx: CardContext) => (ctx.action.form_value ?? {}) as Record<string, unknown>;
const StageForm = {
  st_stage: field.select(i18n('阶段', 'Stage'), STAGES, { required: true, problem: i18n('请选择要转到的阶段。', 'Choose the stage to move to.') }),
  st_screening: field.select(i18n('筛选评价', 'Screening'), SCREENINGS),
  st_reason: field.text(i18n('原因', 'Reason')),
};
const CHOOSE_CATEGORY = i18n('请选择分类以及设置或取消。', 'Choose a category and whether to set or clear it.');
const CategoryForm = {
  cat_category: field.select(i18n('分类', 'Category'), CATEGORIES, { required: true, problem: CHOOSE_CATEGORY }),
  cat_action: field.select(i18n('设置或取消', 'Set or clear'), ['set', 'clear'], { required: true, problem: CHOOSE_CATEGORY }),
  cat_reason: field.text(i18n('原因', 'Reason')),
};

const onStage: CardRun<typeof C> = async (ctx, v) => {
  const row = await editable(ctx, v.c);
  return { card: { type: 'raw', data: stageFormCard({ customerId: row.id, name: row.name, stage: { stage: row.stage, screening: row.screening ?? null }, version: row.version, viaApproval: VIA_APPROVAL }) } };
};

const onStageSave: CardRun<typeof StageSave> = async (ctx, v) => {
  const f = formOf(ctx, StageForm);
  const saved = await changeStage(
    ctx.tx,
    { customerId: v.c, target: f.st_stage, screening: f.st_screening, reason: f.st_reason, actor: ctx.operator, version: v.ver },
    ctx.now,
  );
  const l = STAGE_LABEL[saved.stage];
  return afterChange(ctx, saved, i18n(`已转到「${l.zh_cn}」`, `Moved to ${l.en_us}`));
};

const onCategory: CardRun<typeof CategoryOpen> = async (ctx, v) => {
  const row = await editable(ctx, v.c);
  const hv = await highValueOf(ctx.tx, row.id, ctx.now, await loadCustomerSettings(ctx.tx), ctx.deps.config.timeZone);
  return { card: { type: 'raw', data: categoryFormCard({ customerId: row.id, name: row.name, categories: row.categories, preselect: v.cat ?? null, hint: hv.reason }) } };
};

const onCategorySave: CardRun<typeof C> = async (ctx, v) => {
  const f = formOf(ctx, CategoryForm);
  const cat = f.cat_category;
  const action = f.cat_action;
  const { row, changed } = await setCategory(ctx.tx, { customerId: v.c, category: cat, set: action === 'set', reason: f.cat_reason ?? '', actor: ctx.operator }, ctx.now);
  const l = CATEGORY_LABEL[cat];
  if (!changed) return toast('info', i18n(`「${l.zh_cn}」已经是该状态，未做更改`, `${l.en_us} was already ${action === 'set' ? 'set' : 'clear'}; nothing changed`));
  return afterChange(ctx, row, action === 'set' ? i18n(`已设为${l.zh_cn}`, `Marked ${l.en_us}`) : i18n(`已取消${l.zh_cn}`, `Cleared ${l.en_us}`));
};

const onRecord: CardRun<typeof RecordValue> = async (ctx, v) => {
  const row = await editable(ctx, v.c);
  const kind = v.r as (typeof RECORD_KINDS)[number];
  // A complaint may name the staff at fault: the owner's team first.
  let staff: string[] = [];
  if (kind === 'complaint') {
    const roster = ctx.roster;
    staff = colleaguesFor(roster, (row.ownerId ? roster.get(row.ownerId) : null) ?? roster.get(ctx.operator.openId) ?? null, ['finance', 'admin']).map((c) => c.openId);
  }
  return { card: { type: 'raw', data: recordFormCard({ customerId: row.id, name: row.name, kind, staff }) } };
};

const onRecordSave: CardRun<typeof RecordValue> = async (ctx, v) => {
  const input = { customerId: v.c, values: form(ctx), actor: ctx.operator };
  const c = { now: ctx.now, timeZone: ctx.deps.config.timeZone, ids: ctx.deps.ids };
  if (v.r === 'transaction') await recordTransaction(ctx.tx, input, c);
  else if (v.r === 'complaint') await recordComplaint(ctx.tx, input, c);
  else if (v.r === 'question') await recordQuestion(ctx.tx, input, c);
  else await attachResearch(ctx.tx, input, c);
  const title = RECORD_TITLE[v.r as (typeof RECORD_KINDS)[number]];
  // The archive card comes back: after a transaction it may now carry the high-value suggestion.
  return afterChange(ctx, await loadCustomer(ctx.tx, v.c), i18n(`已保存：${title.zh_cn}`, `Saved: ${title.en_us}`));
};

const onDevelop: CardRun<typeof C> = async (ctx, v) => {
  const row = await editable(ctx, v.c);
  if (row.ownerId !== ctx.operator.openId) {
    throw new DomainError('FORBIDDEN', i18n('只有该客户的负责专员可以提交开发申请。', "Only the customer's owner can submit its development application."));
  }
  // Already applied or further on: say so, rather than the screening rule it passed long ago.
  if (row.stage === 'applying') {
    throw new DomainError('CONFLICT', i18n('该客户的开发申请正在审批中，无需重复提交。发送「我的申请」查看进度。', 'A development application for this customer is already being approved. Send "my requests" to see where it stands.'));
  }
  if (['developing', 'negotiating', 'won', 'serving'].includes(row.stage)) {
    throw new DomainError('INVALID_TRANSITION', i18n('该客户的开发申请已获批准，正在开发中，无需再次申请。', 'This customer’s development application was approved already; it is under development.'));
  }
  if (row.stage !== 'screened' || row.screening !== 'qualified') {
    throw new DomainError('INVALID_TRANSITION', i18n('客户需先通过筛选评价（合格）才能提交开发申请。', 'The customer must first pass screening (qualified) before a development application.'));
  }
  const roster = ctx.roster;
  const people = colleaguesFor(roster, roster.get(ctx.operator.openId) ?? ctx.operator, ['finance', 'admin']);
  return { card: { type: 'raw', data: developmentFormCard({ customerId: row.id, name: row.name, categories: row.categories, people, warnings: coverageWarnings(archiveOf(row).contacts) }) } };
};

const onDevelopSubmit: CardRun<typeof C> = async (ctx, v) => {
  await submitDevelopment(ctx.tx, { customerId: v.c, form: form(ctx), actor: ctx.operator, formMessageId: ctx.messageId }, ctx);
  const row = await loadCustomer(ctx.tx, v.c);
  return afterChange(ctx, row, i18n('开发申请已提交，等待经理审批', 'Development application submitted for the manager’s approval'));
};

const DevelopResubmit = z.object({ p: id, r: id, ver: z.coerce.number().int().positive(), keep: z.string().max(200).optional() });

/** The edited application sent again; the clicked form becomes the archive card. */
const onDevelopResubmit: CardRun<typeof DevelopResubmit> = async (ctx, v) => {
  const { customerId } = await resubmitDevelopment(ctx.tx, { planId: v.p, requestId: v.r, version: v.ver, form: form(ctx), actor: ctx.operator, keep: v.keep?.split(',') ?? [] }, ctx);
  return afterChange(ctx, await loadCustomer(ctx.tx, customerId), i18n('开发申请已修改并重新提交，等待审批', 'The edited application was submitted again for approval'));
};

export const CUSTOMER_MORE_CARD_ACTIONS: CardAction[] = [
  cardAction(CUSTOMER_MORE_ACTIONS.stage, C, onStage),
  cardAction(CUSTOMER_MORE_ACTIONS.stageSave, StageSave, onStageSave),
  cardAction(CUSTOMER_MORE_ACTIONS.category, CategoryOpen, onCategory),
  cardAction(CUSTOMER_MORE_ACTIONS.categorySave, C, onCategorySave),
  cardAction(CUSTOMER_MORE_ACTIONS.record, RecordValue, onRecord),
  cardAction(CUSTOMER_MORE_ACTIONS.recordSave, RecordValue, onRecordSave),
  cardAction(CUSTOMER_MORE_ACTIONS.develop, C, onDevelop),
  cardAction(CUSTOMER_MORE_ACTIONS.developSubmit, C, onDevelopSubmit),
  cardAction(CUSTOMER_MORE_ACTIONS.developResubmit, DevelopResubmit, onDevelopResubmit),
];

