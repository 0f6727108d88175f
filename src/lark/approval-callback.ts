/**
 * Quick approval (三方快捷审批回调): an approver presses 同意 or 拒绝 on their 待办 in Feishu's
 * approval centre, and Feishu posts it here, within 10 s, with the definition's token. Only when
 * configured (LARK_APPROVAL_CALLBACK_URL and _TOKEN; the definitions then offer it).
 *
 * The decision is the same transition as the card's button, through the same use case and the
 * reducer's checks (who may decide, the step still pending, a reason for a rejection); its
 * effects (card patches, the next approver's card, the centre's re-sync) go through the outbox.
 * Who decided: the approver of the step the task id names. Feishu shows a task only to the user
 * it was synced for and sends only their user_id (which the roster does not hold), so the task
 * is what maps the callback to a roster member; an open_id, when sent, must be that person's.
 * Refusals answer HTTP 4xx above 400 with a Chinese `message`, which Feishu shows as it is.
 */
import { instanceIdOf, parseTaskId } from '../domain/approval/external-instance.js';
import { isDomainError } from '../domain/errors.js';
import { decideRequest } from '../app/approval/decide.js';
import { loadApproval } from '../app/approval/store.js';
import { getMember } from '../app/roster.js';
import type { GatewayDeps } from './gateway-deps.js';

export interface CallbackAnswer {
  status: 200 | 401 | 404 | 409 | 422;
  body: Record<string, unknown>;
}

const refuse = (status: CallbackAnswer['status'], message: string): CallbackAnswer => ({ status, body: { message, without_prefix: true } });

/** Constant-time for equal lengths (no node:crypto: the Worker runtime serves this route too). */
const sameToken = (given: unknown, wanted: string) => {
  if (typeof given !== 'string' || given.length !== wanted.length) return false;
  let diff = 0;
  for (let i = 0; i < wanted.length; i++) diff |= given.charCodeAt(i) ^ wanted.charCodeAt(i);
  return diff === 0;
};

export async function handleApprovalCallback(deps: GatewayDeps, body: Record<string, unknown>): Promise<CallbackAnswer> {
  const cb = deps.config.lark.approvalCallback;
  if (!cb) return refuse(404, '未开启审批中心快捷审批，请在机器人卡片上审批。');
  if (!sameToken(body.token, cb.token)) {
    deps.log.warn('centre.callback_rejected', { reason: 'token' });
    return refuse(401, '回调校验失败。');
  }
  const task = parseTaskId(body.task_id ?? body.id);
  const action = body.action_type;
  if (!task || (action !== 'APPROVE' && action !== 'REJECT') || (body.instance_id !== undefined && body.instance_id !== instanceIdOf(task.requestId))) {
    return refuse(422, '无法识别该审批任务，请在机器人卡片上审批。');
  }
  const now = deps.clock.now();
  const reason = typeof body.reason === 'string' ? body.reason.trim() : '';
  try {
    await deps.db.transaction(async (tx) => {
      const stored = await loadApproval(tx, task.requestId);
      const step = stored?.state.steps.find((s) => s.index === task.stepIndex);
      const approverId = step?.approverId ?? null;
      if (!stored || !approverId || (typeof body.open_id === 'string' && body.open_id !== approverId)) throw new Unknown();
      const actor = await getMember(tx, approverId);
      if (!actor) throw new Unknown();
      await decideRequest(
        tx,
        { requestId: task.requestId, actor, action: action === 'APPROVE' ? { type: 'approve', stepIndex: task.stepIndex, comment: reason || null } : { type: 'reject', stepIndex: task.stepIndex, reason } },
        { deps, now },
      );
    });
  } catch (e) {
    if (e instanceof Unknown) return refuse(422, '无法识别该审批任务，请在机器人卡片上审批。');
    if (isDomainError(e)) {
      deps.log.info('centre.callback_refused', { requestId: task.requestId, code: e.code });
      return refuse(e.code === 'VALIDATION' ? 422 : 409, e.userMessage.zh_cn);
    }
    throw e;
  }
  deps.log.info('centre.callback_decided', { requestId: task.requestId, stepIndex: task.stepIndex, action, userId: body.user_id });
  deps.kickOutbox();
  return { status: 200, body: {} };
}

class Unknown extends Error {}
