/**
 * Carries out the reducer's effects in the transition's transaction: cards and texts go to the
 * outbox, every recorded copy is refreshed for the person it was sent to, and the subject's
 * feature hears about the outcome through its hook.
 */
import { and, eq, inArray, like, or } from 'drizzle-orm';
import type { Tx } from '../../../db/client.js';
import { cardMessages, outbox } from '../../../db/schema/index.js';
import type { ApprovalEffect } from '../../domain/approval/index.js';
import { kindLabel, TIER_LABEL } from '../../domain/approval/index.js';
import { outcomeNotice } from '../../domain/approval/notices.js';
import { pick, type I18nText } from '../../domain/i18n.js';
import { enqueueSend, refreshCardsOf, writeHeldOutboxRows, type CardCopy, type CardRefresh } from '../outbox.js';
import { adminRecipients } from '../admins.js';
import type { HookContext } from './hooks.js';
import { APPROVAL_SUBJECT, approvalSubject, approverCard, cardForCopy, parseApprovalSubject, requesterCard, supersededCard, type RenderEnv } from './render.js';
import type { StoredApproval } from './store.js';
import { syncApprovalDuties } from './duties.js';
import { syncCentreInstance } from './centre-sync.js';

export interface EffectOptions {
  /** The message the click came from: its clicker gets the new card in the callback answer instead of a patch. */
  clicked?: { messageId: string; subjectId: string } | null;
  /** The request's active card copies, when the click read them with the clicked one (requestCopies). */
  copies?: readonly CardCopy[];
}

/** Where a request's copies are: its subject, or a viewer's (`<id>:…`). */
const copiesOfRequest = (id: string) => and(eq(cardMessages.subjectType, APPROVAL_SUBJECT), eq(cardMessages.active, true), or(eq(cardMessages.subjectId, id), like(cardMessages.subjectId, `${id}:%`)));

/**
 * The clicked message's copy row (whatever it shows) and the request's active copies, in one read:
 * a click needs the first before the transition and the others after it, and a transition writes
 * no copies before it refreshes them.
 */
export async function clickedAndCopies(q: Tx, messageId: string | null, requestId: string): Promise<{ clicked: CardCopy | null; copies: CardCopy[] }> {
  const rows = await q
    .select()
    .from(cardMessages)
    .where(messageId ? or(eq(cardMessages.messageId, messageId), copiesOfRequest(requestId)) : copiesOfRequest(requestId));
  const ofRequest = (r: CardCopy) => r.subjectType === APPROVAL_SUBJECT && r.active && (r.subjectId === requestId || r.subjectId.startsWith(`${requestId}:`));
  return { clicked: rows.find((r) => r.messageId === messageId) ?? null, copies: rows.filter(ofRequest) };
}

export async function carryOut(ctx: HookContext, env: RenderEnv, after: StoredApproval, effects: ApprovalEffect[], o: EffectOptions = {}): Promise<void> {
  const r = after.state.request;
  const nameOf = (id: string | null) => (id ? (env.roster.get(id)?.name ?? id) : '—');
  const textTo = async (openId: string, t: I18nText) => enqueueSend(ctx, { openId }, { text: pick(t, env.roster.get(openId)?.locale) });
  const label = kindLabel(r.kind);

  // Refresh first: the copies that exist now. Cards sent below already carry the new state.
  const newRound = effects.some((e) => e.type === 'subject_submitted' && e.round > 1);
  // The copies held when the transition began (by subject): who holds one need not be asked again.
  const held = effects.some((e) => e.type === 'refresh_cards') ? await refreshAll(ctx, env, after, { ...o, newRound }) : null;

  for (const e of effects) {
    switch (e.type) {
      case 'notify_approver':
        await enqueueSend(ctx, { openId: e.approverId }, { card: approverCard(after, env, e.approverId) }, { subject: approvalSubject(r.id, { approver: e.approverId }) });
        break;
      case 'notify_requester': {
        // A patch is silent, so the outcome needs a message; but a second full copy of a card the
        // requester already holds (patched above) is noise. They get one line, and a new card only
        // when they hold none (the first submit, or after the edit form took the old one's place).
        const subject = approvalSubject(r.id, 'requester');
        if (e.outcome !== 'submitted' && (held?.has(subject.id) || (await holdsCopy(ctx, subject.id)))) await textTo(e.requesterId, outcomeNotice(after.state, env.roster, e));
        else await enqueueSend(ctx, { openId: e.requesterId }, { card: requesterCard(after, env) }, { subject });
        break;
      }
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
        await ctx.deps.approvalHooks[after.subjectType]?.onApproved?.(ctx, after);
        break;
      case 'subject_rejected':
        await ctx.deps.approvalHooks[after.subjectType]?.onEnded?.(ctx, after, 'rejected');
        break;
      case 'subject_withdrawn':
        await ctx.deps.approvalHooks[after.subjectType]?.onEnded?.(ctx, after, 'withdrawn');
        break;
      case 'subject_submitted':
        if (r.round > 1) await ctx.deps.approvalHooks[after.subjectType]?.onResubmitted?.(ctx, after);
        break;
      case 'subject_returned':
        // The requester edits and resubmits; meanwhile the record's cards say it came back.
        await ctx.deps.approvalHooks[after.subjectType]?.onReturned?.(ctx, after);
        break;
      default:
        break;
    }
  }
  await syncApprovalDuties(ctx, env, after);
  await syncCentreInstance(ctx, env, after);
}

/** Whether the person already holds a live copy under `subjectId` (sent, or waiting in the outbox). */
async function holdsCopy(ctx: HookContext, subjectId: string): Promise<boolean> {
  const where = (t: typeof cardMessages | typeof outbox) => and(eq(t.subjectType, APPROVAL_SUBJECT), eq(t.subjectId, subjectId));
  const [held] = await ctx.tx.select({ id: cardMessages.messageId }).from(cardMessages).where(and(where(cardMessages), eq(cardMessages.active, true))).limit(1);
  if (held) return true;
  await writeHeldOutboxRows(ctx.tx);
  const [queued] = await ctx.tx.select({ id: outbox.id }).from(outbox).where(and(where(outbox), eq(outbox.kind, 'send'), eq(outbox.status, 'pending'))).limit(1);
  return !!queued;
}

/**
 * Re-renders every recorded copy of the request's card, each for the person it was sent to.
 * On a new round every approver gets a new card for their step, so the earlier round's approver
 * copies are patched once to a card without controls that points to the new one, and retired:
 * two cards offering 同意 for one step would be one too many. Every copy is read in one
 * statement (a card per viewer: one read each cost a statement per copy). Returns the subjects
 * that held a copy.
 */
async function refreshAll(ctx: HookContext, env: RenderEnv, after: StoredApproval, o: EffectOptions & { newRound: boolean }): Promise<ReadonlySet<string>> {
  const id = after.state.request.id;
  const rows = o.copies ?? (await ctx.tx.select().from(cardMessages).where(copiesOfRequest(id)));
  const bySubject = new Map<string, CardCopy[]>();
  // By subject (a stable sort: each subject's copies keep the order they were read in).
  for (const row of [...rows].sort((a, b) => (a.subjectId < b.subjectId ? -1 : a.subjectId > b.subjectId ? 1 : 0))) bySubject.set(row.subjectId, [...(bySubject.get(row.subjectId) ?? []), row]);
  const refreshes: CardRefresh[] = [];
  const retired: string[] = [];
  for (const [subjectId, copies] of bySubject) {
    const { viewer } = parseApprovalSubject(subjectId);
    const except = o.clicked?.subjectId === subjectId ? o.clicked.messageId : undefined;
    const superseded = o.newRound && viewer !== null && viewer !== 'requester';
    if (superseded) retired.push(subjectId);
    refreshes.push({ subject: { type: APPROVAL_SUBJECT, id: subjectId }, card: superseded ? supersededCard(after, env) : cardForCopy(after, env, viewer), copies, ...(except ? { exceptMessageId: except } : {}) });
  }
  // Every copy's patch in one statement, then the superseded approver copies retired in one.
  await refreshCardsOf(ctx, refreshes, ctx.now);
  if (retired.length) {
    await ctx.tx.update(cardMessages).set({ active: false, updatedAt: ctx.now }).where(and(eq(cardMessages.subjectType, APPROVAL_SUBJECT), inArray(cardMessages.subjectId, retired)));
  }
  return new Set(bySubject.keys());
}
