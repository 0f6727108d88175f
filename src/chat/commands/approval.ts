/**
 * Approval commands: "/pending" (what waits for me), "/requests" (what I asked for), and the
 * reply shortcut — answering an approval card's message with 同意 / 驳回 <reason> /
 * 退回 <reason>. The shortcut acts only on a reply to an approval card the bot recorded; any
 * other text starting with those words gets the answer it would have got anyway (help).
 */
import { myRequestsListCard, pendingListCard } from '../../../cards/approval-list.js';
import { renderEnv, loadOrThrow } from '../../app/approval/apply.js';
import { decideRequest, type StepDecision } from '../../app/approval/decide.js';
import { pendingFor, requestsOf } from '../../app/approval/queries.js';
import { APPROVAL_SUBJECT, parseApprovalSubject } from '../../app/approval/render.js';
import { subjectOfMessage } from '../../app/outbox.js';
import { isDomainError } from '../../domain/errors.js';
import { i18n, pick } from '../../domain/i18n.js';
import type { ChatContext } from '../context.js';
import type { Command } from '../registry.js';

export const pendingCommand: Command = {
  name: 'pending',
  words: ['pending', '待审批', '待我审批'],
  title: i18n('待我审批', 'Pending approvals'),
  usage: i18n('等待你审批的申请，可一键同意', 'requests waiting for your approval, with one-tap approve'),
  examples: { zh_cn: ['待审批'], en_us: ['pending'] },
  roles: 'all',
  button: true,
  async run(ctx) {
    const env = await renderEnv(ctx.tx, ctx.deps);
    await ctx.reply({ card: pendingListCard(await pendingFor(ctx.tx, env, ctx.member.openId)) }, { private: true });
  },
};

export const requestsCommand: Command = {
  name: 'requests',
  words: ['requests', 'my requests', '我的申请'],
  title: i18n('我的申请', 'My requests'),
  usage: i18n('你提交的申请及其审批状态', 'what you have asked for and where it stands'),
  examples: { zh_cn: ['我的申请'], en_us: ['my requests'] },
  roles: 'all',
  button: true,
  async run(ctx) {
    const env = await renderEnv(ctx.tx, ctx.deps);
    await ctx.reply({ card: myRequestsListCard(await requestsOf(ctx.tx, env, ctx.member.openId)) }, { private: true });
  },
};

const VERBS: [string[], 'approve' | 'reject' | 'return_for_revision'][] = [
  [['同意', '批准', 'approve'], 'approve'],
  [['驳回', '拒绝', 'reject'], 'reject'],
  [['退回', 'return'], 'return_for_revision'],
];

/** The approval request a replied-to message shows, if the bot recorded it as an approval card. */
async function repliedRequestId(ctx: ChatContext): Promise<string | null> {
  const copy = await subjectOfMessage(ctx.tx, ctx.message.parentId);
  return copy?.type === APPROVAL_SUBJECT ? parseApprovalSubject(copy.id).requestId : null;
}

export const replyDecisionCommand: Command = {
  name: 'reply-decision',
  words: VERBS.flatMap(([w]) => w),
  title: i18n('回复审批卡片', 'Reply to an approval card'),
  usage: i18n('回复审批卡片消息即可审批，驳回和退回要写原因', 'reply to an approval card\'s message; a rejection or return needs a reason'),
  examples: { zh_cn: ['同意', '驳回 原因', '退回 原因'], en_us: ['approve', 'reject <reason>', 'return <reason>'] },
  roles: 'all',
  async run(ctx) {
    const requestId = await repliedRequestId(ctx);
    if (!requestId) {
      // Said on its own, 同意 has nothing to act on: say where it works instead of guessing.
      await ctx.reply({
        text: pick(
          i18n(
            '要审批，请在审批卡片上点「同意」或「驳回」，或者回复那张卡片的消息「同意」/「驳回 原因」。发送「待审批」查看等待你审批的申请。',
            'To decide, press Approve or Reject on the approval card, or reply to that card\'s message with "approve" or "reject <reason>". Send "pending" to see what waits for you.',
          ),
          ctx.locale,
        ),
      });
      return;
    }
    const word = ctx.text.trim().replace(/^[/／]/, '').toLowerCase();
    const type = VERBS.find(([ws]) => ws.some((w) => word.startsWith(w)))![1];
    const stored = await loadOrThrow(ctx.tx, requestId);
    const stepIndex = stored.state.request.currentStep ?? stored.state.steps.length - 1;
    // The reply carries no card version: the reducer still checks the step is pending and the sender is its approver.
    const action: StepDecision = type === 'approve' ? { type, stepIndex, comment: ctx.args || null } : { type, stepIndex, reason: ctx.args };
    try {
      // A savepoint: a refusal leaves nothing behind, and the reply says why.
      await ctx.tx.transaction((sp) => decideRequest(sp, { requestId, actor: ctx.member, action }, ctx));
    } catch (e) {
      if (!isDomainError(e)) throw e;
      await ctx.reply({ text: pick(e.userMessage, ctx.locale) });
      return;
    }
    const done = {
      approve: i18n('已同意该申请。', 'Approved.'),
      reject: i18n('已驳回该申请，申请人会收到原因。', 'Rejected; the requester will see your reason.'),
      return_for_revision: i18n('已退回修改，申请人会收到原因。', 'Returned for revision; the requester will see your reason.'),
    }[type];
    await ctx.reply({ text: pick(done, ctx.locale) });
  },
};
