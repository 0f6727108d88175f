/**
 * The approval card buttons. Every click is re-checked on the server: the value only says which
 * request and step the card showed; who may act comes from the roster, and the reducer refuses
 * anything else with a toast naming who may. Each answer carries a toast and the card as the
 * clicker should now see it; the other copies are patched through the outbox.
 */
import { eq } from 'drizzle-orm';
import { cardMessages } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { pendingListCard, myRequestsListCard } from '../../../cards/approval-list.js';
import { ActValue, actionFromDecide, APPROVAL_DECIDE, APPROVAL_LIST, APPROVAL_OPEN, APPROVAL_RESUBMIT, APPROVAL_VIEW, APPROVAL_WITHDRAW, ListValue, OpenValue, ViewValue } from '../../../cards/approval-values.js';
import type { Card } from '../../../cards/kit.js';
import { decide } from '../../domain/approval/index.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { isAdmin } from '../../domain/roster.js';
import { enqueueSend } from '../outbox.js';
import { cardAction, toast, type CardAction, type CardContext, type CardResponse, type CardRun } from '../card-handler.js';
import { approvalAtRefusal, loadOrThrow } from './apply.js';
import { decideRequest, type StepDecision } from './decide.js';
import { clickedAndCopies } from './effects.js';
import type { CardCopy } from '../outbox.js';
import { pendingFor, requestsOf } from './queries.js';
import { APPROVAL_SUBJECT, approverCard, cardForCopy, cardForViewer, parseApprovalSubject, subjectForViewer, type RenderEnv } from './render.js';
import { resubmitRequest } from './resubmit.js';
import type { StoredApproval } from './store.js';
import { withdrawRequest } from './withdraw.js';

/** The approval copy the click came from, if the clicked message is one. */
type ClickedCopy = { messageId: string; subjectId: string } | null;

/** The roster the click brought (read once by the callback) and the config: what the cards render with. */
const envOf = (ctx: CardContext): RenderEnv => ({ roster: ctx.roster, config: ctx.deps.config });

async function clickedCopy(tx: Tx, messageId: string | null): Promise<ClickedCopy> {
  if (!messageId) return null;
  const [row] = await tx.select().from(cardMessages).where(eq(cardMessages.messageId, messageId));
  return row && row.subjectType === APPROVAL_SUBJECT ? { messageId, subjectId: row.subjectId } : null;
}

/** The card the clicked message should show now: its own viewer's copy if it is one, else the clicker's view. */
function cardForClick(stored: StoredApproval, env: RenderEnv, ctx: CardContext, copy: { subjectId: string } | null): Card {
  if (copy) {
    const p = parseApprovalSubject(copy.subjectId);
    if (p.requestId === stored.state.request.id) return cardForCopy(stored, env, p.viewer);
  }
  return cardForViewer(stored, env, ctx.operator.openId);
}

const answer = (type: 'success' | 'info' | 'warning' | 'error', text: I18nText, card?: Card): CardResponse => ({
  ...toast(type, text),
  ...(card ? { card: { type: 'raw', data: card } } : {}),
});

/** A lost race or an outdated card: say what happened and show the card as it is now. */
async function conflictAnswer(ctx: CardContext, e: DomainError, requestId: string, copy: { subjectId: string } | null): Promise<CardResponse> {
  const env = envOf(ctx);
  const seen = approvalAtRefusal(e);
  const stored = seen?.state.request.id === requestId ? seen : await loadOrThrow(ctx.tx, requestId);
  return answer('info', e.userMessage, cardForClick(stored, env, ctx, copy));
}

const DECIDED: Record<string, I18nText> = {
  approve: i18n('已同意。', 'Approved.'),
  reject: i18n('已驳回，申请人会收到原因。', 'Rejected; the requester will see your reason.'),
  return_for_revision: i18n('已退回修改，申请人会收到原因。', 'Returned for revision; the requester will see your reason.'),
};

/**
 * What a click does to a request, by its verb (the value's kind: a step's decision, the
 * requester's withdraw or resubmit), with the toast and the card the clicked message shows next.
 */
const VERBS: { [K in ActValue['k']]: (ctx: CardContext, v: Extract<ActValue, { k: K }>, copy: ClickedCopy, copies: readonly CardCopy[]) => Promise<CardResponse> } = {
  [APPROVAL_DECIDE]: async (ctx, v, copy, copies) => {
    const action = actionFromDecide(v, ctx.action.form_value) as StepDecision;
    const { after, env } = await decideRequest(ctx.tx, { requestId: v.r, actor: ctx.operator, action }, ctx, { clicked: copy, copies });
    const to = action.type === 'transfer' ? (env.roster.get(action.toId)?.name ?? action.toId) : '';
    const text = action.type === 'transfer' ? i18n(`已转交给 ${to}。`, `Transferred to ${to}.`) : DECIDED[action.type]!;
    const card = v.src === 'list' ? pendingListCard(await pendingFor(ctx.tx, env, ctx.operator.openId), v.p ?? 0) : cardForClick(after, env, ctx, copy);
    return answer('success', text, card);
  },
  [APPROVAL_WITHDRAW]: async (ctx, v, copy, copies) => {
    const { after, env } = await withdrawRequest(ctx.tx, { requestId: v.r, requester: ctx.operator, version: v.ver }, ctx, { clicked: copy, copies });
    return answer('success', i18n('已撤回申请。', 'Request withdrawn.'), cardForClick(after, env, ctx, copy));
  },
  [APPROVAL_RESUBMIT]: async (ctx, v, copy, copies) => {
    const env = envOf(ctx);
    const stored = await loadOrThrow(ctx.tx, v.r);
    // Dry run first: only the requester, only after a rejection or a return, only from the latest card.
    decide(stored.state, { type: 'resubmit', version: v.ver }, ctx.operator, { roster: env.roster, admins: ctx.deps.config.admins, now: ctx.now, timeZone: ctx.deps.config.timeZone });
    const edit = await ctx.deps.approvalHooks[stored.subjectType]?.editCard?.({ deps: ctx.deps, tx: ctx.tx, now: ctx.now }, stored, ctx.operator);
    if (edit) return answer('info', i18n('请修改后重新提交。', 'Edit the request, then submit it again.'), edit);
    const { after } = await resubmitRequest(ctx.tx, { requestId: v.r, requester: ctx.operator, version: v.ver }, ctx, { clicked: copy, copies });
    return answer('success', i18n('已重新提交。', 'Submitted again.'), cardForClick(after, env, ctx, copy));
  },
};

/** The one action behind every verb: a lost race or an outdated card is answered with the card as it is now. */
const act: CardRun<typeof ActValue> = async (ctx, v) => {
  // The clicked copy and the request's copies (which the transition refreshes) in one read.
  const { clicked, copies } = await clickedAndCopies(ctx.tx, ctx.messageId, v.r);
  const copy: ClickedCopy = clicked && clicked.subjectType === APPROVAL_SUBJECT ? { messageId: clicked.messageId, subjectId: clicked.subjectId } : null;
  try {
    return await (VERBS[v.k] as (ctx: CardContext, v: ActValue, copy: ClickedCopy, copies: readonly CardCopy[]) => Promise<CardResponse>)(ctx, v, copy, copies);
  } catch (e) {
    if (!isDomainError(e) || e.code !== 'CONFLICT') throw e;
    if (v.k === APPROVAL_DECIDE && v.src === 'list') return answer('info', e.userMessage, pendingListCard(await pendingFor(ctx.tx, envOf(ctx), ctx.operator.openId), v.p ?? 0));
    return conflictAnswer(ctx, e, v.r, copy);
  }
};

export const onApprovalOpen = cardAction(APPROVAL_OPEN, OpenValue, async (ctx, v) => {
  const env = envOf(ctx);
  const stored = await loadOrThrow(ctx.tx, v.r);
  // A dry run of the reducer (pure, nothing saved) tells whether this person may act on this step now.
  try {
    decide(stored.state, { type: 'approve', stepIndex: v.s, version: v.ver }, ctx.operator, { roster: env.roster, admins: ctx.deps.config.admins, now: ctx.now, timeZone: ctx.deps.config.timeZone });
  } catch (e) {
    if (!isDomainError(e)) throw e;
    return answer(e.code === 'CONFLICT' ? 'info' : 'warning', e.userMessage, cardForClick(stored, env, ctx, await clickedCopy(ctx.tx, ctx.messageId)));
  }
  return { card: { type: 'raw', data: approverCard(stored, env, ctx.operator.openId, v.f) } };
});

/** Who may see a request: its requester, anyone in its chain, admins. */
function maySee(stored: StoredApproval, openId: string, admin: boolean): boolean {
  const { request, steps } = stored.state;
  return admin || request.requesterId === openId || steps.some((s) => s.approverId === openId || s.decidedBy === openId || s.transferredTo === openId);
}

export const onApprovalView = cardAction(APPROVAL_VIEW, ViewValue, async (ctx, v) => {
  const env = envOf(ctx);
  const stored = await loadOrThrow(ctx.tx, v.r);
  if (!maySee(stored, ctx.operator.openId, isAdmin(ctx.operator, ctx.deps.config.admins))) {
    throw new DomainError('FORBIDDEN', i18n('你无权查看此申请。', 'You cannot see this request.'));
  }
  const subject = subjectForViewer(stored, ctx.operator.openId);
  await enqueueSend(ctx, { openId: ctx.operator.openId }, { card: cardForViewer(stored, env, ctx.operator.openId) }, { subject });
  return toast('success', i18n('已发送申请详情卡片。', 'Sent you the full card.'));
});

export const onApprovalList = cardAction(APPROVAL_LIST, ListValue, async (ctx, v) => {
  const env = envOf(ctx);
  const card = v.l === 'pending' ? pendingListCard(await pendingFor(ctx.tx, env, ctx.operator.openId), v.p) : myRequestsListCard(await requestsOf(ctx.tx, env, ctx.operator.openId), v.p);
  return { card: { type: 'raw', data: card } };
});

export const APPROVAL_CARD_ACTIONS: CardAction[] = [
  // Cards name the verb by kind, as they always have (cards already sent keep working).
  cardAction(APPROVAL_DECIDE, ActValue, act, { aliases: [APPROVAL_WITHDRAW, APPROVAL_RESUBMIT] }),
  onApprovalOpen,
  onApprovalView,
  onApprovalList,
];
