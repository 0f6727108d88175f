/**
 * Carries out the reducer's effects in the transition's transaction: cards and texts go to the
 * outbox, every recorded copy is refreshed for the person it was sent to, and the subject's
 * feature hears about the outcome through its hook.
 */
import { and, eq, like, or } from 'drizzle-orm';
import { cardMessages } from '../../../db/schema/index.js';
import type { ApprovalEffect } from '../../domain/approval/index.js';
import { kindLabel, TIER_LABEL } from '../../domain/approval/index.js';
import { pick, type I18nText } from '../../domain/i18n.js';
import { enqueueSend, refreshCards } from '../../lark/outbox.js';
import { adminRecipients } from '../admins.js';
import { APPROVAL_HOOKS, type HookContext } from './hooks.js';
import { APPROVAL_SUBJECT, approvalSubject, approverCard, cardForCopy, parseApprovalSubject, requesterCard, type RenderEnv } from './render.js';
import type { StoredApproval } from './store.js';
import { syncApprovalDuties } from './duties.js';

export interface EffectOptions {
  /** The message the click came from: its clicker gets the new card in the callback answer instead of a patch. */
  clicked?: { messageId: string; subjectId: string } | null;
}

export async function carryOut(ctx: HookContext, env: RenderEnv, after: StoredApproval, effects: ApprovalEffect[], o: EffectOptions = {}): Promise<void> {
  const r = after.state.request;
  const nameOf = (id: string | null) => (id ? (env.roster.get(id)?.name ?? id) : '—');
  const textTo = async (openId: string, t: I18nText) => enqueueSend(ctx.tx, { openId }, { text: pick(t, env.roster.get(openId)?.locale) });
  const label = kindLabel(r.kind);

  // Refresh first: the copies that exist now. Cards sent below already carry the new state.
  if (effects.some((e) => e.type === 'refresh_cards')) await refreshAll(ctx, env, after, o);

  for (const e of effects) {
    switch (e.type) {
      case 'notify_approver':
        await enqueueSend(ctx.tx, { openId: e.approverId }, { card: approverCard(after, env, e.approverId) }, { subject: approvalSubject(r.id, { approver: e.approverId }) });
        break;
      case 'notify_requester':
        // A patch is silent; a new copy is what tells the requester. It carries the outcome, the reason and (after a rejection) the resubmit button.
        await enqueueSend(ctx.tx, { openId: e.requesterId }, { card: requesterCard(after, env) }, { subject: approvalSubject(r.id, 'requester') });
        break;
      case 'notify_withdrawn':
        await textTo(e.approverId, {
          zh_cn: `${nameOf(r.requesterId)} 已撤回${label.zh_cn}，无需再审批。`,
          en_us: `${nameOf(r.requesterId)} withdrew the ${label.en_us.toLowerCase()}; nothing left for you to approve.`,
        });
        break;
      case 'notify_admins': {
        const tiers = e.tiers.map((t) => TIER_LABEL[t]);
        const msg: I18nText =
          e.reason === 'roster_gap'
            ? {
                zh_cn: `${nameOf(r.requesterId)} 的${label.zh_cn}中，${tiers.map((t) => t.zh_cn).join('、')}无在岗人员，已跳过或上报。请检查名册。`,
                en_us: `In ${nameOf(r.requesterId)}'s ${label.en_us.toLowerCase()}, nobody active holds ${tiers.map((t) => t.en_us.toLowerCase()).join(', ')}; the tier was skipped or escalated. Please check the roster.`,
              }
            : {
                zh_cn: `${nameOf(r.requesterId)} 的${label.zh_cn}正等待已停用的成员审批，请管理员代为处理或转交。`,
                en_us: `${nameOf(r.requesterId)}'s ${label.en_us.toLowerCase()} is waiting on a deactivated member; an admin must act or transfer it.`,
              };
        for (const id of await adminRecipients(ctx.tx, ctx.deps.config.admins)) await textTo(id, msg);
        break;
      }
      case 'subject_approved':
        await APPROVAL_HOOKS[after.subjectType]?.onApproved?.(ctx, after);
        break;
      case 'subject_rejected':
        await APPROVAL_HOOKS[after.subjectType]?.onEnded?.(ctx, after, 'rejected');
        break;
      case 'subject_withdrawn':
        await APPROVAL_HOOKS[after.subjectType]?.onEnded?.(ctx, after, 'withdrawn');
        break;
      case 'subject_submitted':
        if (r.round > 1) await APPROVAL_HOOKS[after.subjectType]?.onResubmitted?.(ctx, after);
        break;
      default:
        // subject_returned: the requester edits and resubmits; the state and the audit trail record it.
        break;
    }
  }
  await syncApprovalDuties(ctx, env, after);
}

/** Re-renders every recorded copy of the request's card, each for the person it was sent to. */
async function refreshAll(ctx: HookContext, env: RenderEnv, after: StoredApproval, o: EffectOptions): Promise<void> {
  const id = after.state.request.id;
  const copies = await ctx.tx
    .selectDistinct({ subjectId: cardMessages.subjectId })
    .from(cardMessages)
    .where(and(eq(cardMessages.subjectType, APPROVAL_SUBJECT), eq(cardMessages.active, true), or(eq(cardMessages.subjectId, id), like(cardMessages.subjectId, `${id}:%`))));
  for (const { subjectId } of copies) {
    const { viewer } = parseApprovalSubject(subjectId);
    const except = o.clicked?.subjectId === subjectId ? o.clicked.messageId : undefined;
    await refreshCards(ctx.tx, { type: APPROVAL_SUBJECT, id: subjectId }, cardForCopy(after, env, viewer), ctx.now, except ? { exceptMessageId: except } : {});
  }
}
