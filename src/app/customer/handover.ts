/**
 * Handover (交接, art.12): when someone leaves, an admin or their manager transfers, in one
 * transaction, all of the leaving member's customers and open work to a successor:
 * - customers they own → the successor owns them (each change audited);
 * - approval steps waiting on them → transferred through the approval engine (a step whose
 *   tier the successor does not hold is left and listed, for an admin to transfer by hand);
 * - their open obligations (deadlines) → owned by the successor (and a visit duty's Feishu task
 *   reassigned to them, task-sync.ts);
 * - requests they submitted that are still in approval → kept in their name (the audit trail must
 *   say who asked) and listed to the successor, who follows them up;
 * - visits, receptions, reimbursement drafts, project teams and borrowed equipment → see
 *   handover-records.ts (moved with their duties, or closed with a reason, or listed).
 * Both people get a message; the handover itself is one audit record.
 */
import { and, eq, inArray, sql } from 'drizzle-orm';
import { approvalRequests, approvalSteps, auditLog, customers } from '../../../db/schema/index.js';
import type { Tx } from '../../../db/client.js';
import { isDomainError, DomainError } from '../../domain/errors.js';
import { i18n, pick, type I18nText } from '../../domain/i18n.js';
import { isAdmin, managerIdOf, teamOf, type Member } from '../../domain/roster.js';
import { enqueueSend } from '../outbox.js';
import { handOverDuties } from '../obligations/index.js';
import type { UseCaseContext } from '../approval/apply.js';
import { transferRequest } from '../approval/transfer.js';
import { moveOpenRecords, type MovedRecords } from './handover-records.js';
import { loadRosterMap } from './store.js';
import { recordOwners } from './owner-history.js';
import { openTaskDutyIds, syncDutyTasks } from '../visit/task-sync.js';

export interface HandoverResult {
  customers: string[];
  stepsTransferred: number;
  stepsLeft: string[];
  obligations: number;
  openRequests: string[];
  records: MovedRecords;
}

export async function handover(tx: Tx, input: { actor: Member; leavingId: string; successorId: string }, ctx: UseCaseContext): Promise<HandoverResult> {
  const roster = await loadRosterMap(tx, ctx.roster);
  const actor = roster.get(input.actor.openId) ?? input.actor;
  const leaving = roster.get(input.leavingId);
  const successor = roster.get(input.successorId);
  const admin = isAdmin(actor, ctx.deps.config.admins);
  if (!admin && actor.role !== 'manager' && actor.role !== 'director') {
    throw new DomainError('FORBIDDEN', i18n('只有管理员或经理可以办理交接。', 'Only an administrator or a manager can hand over work.'));
  }
  if (!leaving || !successor) throw new DomainError('NOT_FOUND', i18n('离职人和接任者都必须在成员名单中。', 'Both people must be on the roster.'));
  if (leaving.openId === successor.openId) throw new DomainError('VALIDATION', i18n('离职人和接任者不能是同一人。', 'The leaving member and the successor must be different people.'));
  if (!successor.active) throw new DomainError('VALIDATION', i18n(`接任者 ${successor.name} 已停用。`, `The successor ${successor.name} is deactivated.`));
  if (!admin && actor.role === 'manager' && !teamOf(roster, actor).some((m) => m.openId === leaving.openId)) {
    throw new DomainError('FORBIDDEN', i18n(`${leaving.name} 不在您的团队中，请由管理员办理。`, `${leaving.name} is not on your team; ask an administrator.`));
  }
  const now = ctx.now;

  // Records first: rejected requests are withdrawn before their steps and duties are looked at.
  const records = await moveOpenRecords(tx, leaving, successor, actor, ctx);

  const moved = await tx
    .update(customers)
    .set({ ownerId: successor.openId, version: sql`${customers.version} + 1`, updatedAt: now })
    .where(eq(customers.ownerId, leaving.openId))
    .returning({ id: customers.id, name: customers.name });
  await recordOwners(tx, { customerIds: moved.map((c) => c.id), ownerId: successor.openId, at: now, actorId: actor.openId, via: 'handover', reason: `交接 / handover: ${leaving.name} → ${successor.name}` });
  if (moved.length) {
    await tx.insert(auditLog).values(moved.map((c) => ({ at: now, actorId: actor.openId, action: 'customer.owner_handover', subjectType: 'customer', subjectId: c.id, detail: { from: leaving.openId, to: successor.openId } })));
  }

  // Approval steps waiting on the leaving member. The engine checks the actor: an admin acts as
  // admin; a manager's handover acts through the leaving member (still the step's approver).
  const waiting = await tx
    .select({ requestId: approvalSteps.requestId, idx: approvalSteps.idx, summary: approvalRequests.summary })
    .from(approvalSteps)
    .innerJoin(approvalRequests, eq(approvalRequests.id, approvalSteps.requestId))
    .where(and(eq(approvalSteps.approverId, leaving.openId), eq(approvalSteps.status, 'pending'), eq(approvalRequests.status, 'pending')));
  const stepActor = admin ? actor : leaving;
  let stepsTransferred = 0;
  const stepsLeft: string[] = [];
  for (const w of waiting) {
    try {
      await transferRequest(tx, { requestId: w.requestId, actor: stepActor, stepIndex: w.idx, toId: successor.openId, reason: `交接 / handover: ${leaving.name} → ${successor.name}` }, ctx);
      stepsTransferred++;
    } catch (e) {
      // The reducer refuses before anything is written (wrong tier, inactive actor): list it and go on.
      if (!isDomainError(e)) throw e;
      stepsLeft.push(typeof w.summary === 'string' ? w.summary : w.summary.zh_cn);
    }
  }

  // Obligations: take over the open ones, unless the successor already holds the same duty.
  const taskDuties = await openTaskDutyIds(tx, leaving.openId);
  const taken = await handOverDuties(tx, { fromId: leaving.openId, toId: successor.openId, toManagerId: managerIdOf(roster, successor.openId), now });
  // Their Feishu tasks follow them: reassigned, the successor's manager following.
  await syncDutyTasks(tx, ctx.deps, taskDuties, now, roster);

  const requests = await tx
    .select({ id: approvalRequests.id, summary: approvalRequests.summary })
    .from(approvalRequests)
    .where(and(eq(approvalRequests.requesterId, leaving.openId), inArray(approvalRequests.status, ['pending', 'returned', 'rejected'])));
  // (rejected and returned ones were withdrawn above; what is left is still in approval)
  const openRequests = requests.map((r) => (typeof r.summary === 'string' ? r.summary : r.summary.zh_cn));

  const result: HandoverResult = { customers: moved.map((c) => c.name), stepsTransferred, stepsLeft, obligations: taken, openRequests, records };
  await tx.insert(auditLog).values({ at: now, actorId: actor.openId, action: 'member.handover', subjectType: 'member', subjectId: leaving.openId, detail: { to: successor.openId, ...result } });
  const lines = (l: I18nText[], lang: 'zh_cn' | 'en_us') => (l.length ? l.slice(0, 20).map((x) => `\n· ${x[lang]}`).join('') : ' —');
  const recordsText = i18n(
    `\n拜访 ${records.visits} 次、接待 ${records.receptions} 次（连同待办一并转交）\n项目小组 ${records.teams} 个（由您接替其角色）\n已关闭：${lines(records.closed, 'zh_cn')}\n借用设备（请跟进归还）：${lines(records.equipment, 'zh_cn')}`,
    `\nVisits: ${records.visits}, receptions: ${records.receptions} (moved with their duties)\nProject teams: ${records.teams} (you take over the roles)\nClosed:${lines(records.closed, 'en_us')}\nBorrowed equipment (follow up the return):${lines(records.equipment, 'en_us')}`,
  );

  const names = (l: string[]) => (l.length ? l.slice(0, 20).join('、') + (l.length > 20 ? ` 等 ${l.length} 项` : '') : '—');
  const toSuccessor = i18n(
    `${actor.name} 已将 ${leaving.name} 的工作交接给您：\n客户 ${moved.length} 个：${names(result.customers)}\n待审批 ${stepsTransferred} 项（已转交给您）\n待办事项 ${taken} 项\n${leaving.name} 名下未结申请 ${openRequests.length} 项（仍以其名义保留，请跟进）：${names(openRequests)}${recordsText.zh_cn}`,
    `${actor.name} handed ${leaving.name}'s work over to you:\nCustomers (${moved.length}): ${names(result.customers)}\nApprovals transferred to you: ${stepsTransferred}\nOpen duties: ${taken}\nOpen requests still in ${leaving.name}'s name (${openRequests.length}), please follow up: ${names(openRequests)}${recordsText.en_us}`,
  );
  await enqueueSend({ tx, deps: ctx.deps }, { openId: successor.openId }, { text: pick(toSuccessor, successor.locale) });
  const toLeaving = i18n(
    `${actor.name} 已将您名下的 ${moved.length} 个客户及待办工作交接给 ${successor.name}。感谢您的付出！`,
    `${actor.name} handed your ${moved.length} customers and open work over to ${successor.name}. Thank you for your work!`,
  );
  await enqueueSend({ tx, deps: ctx.deps }, { openId: leaving.openId }, { text: pick(toLeaving, leaving.locale) });
  if (stepsLeft.length) {
    await enqueueSend({ tx, deps: ctx.deps }, { openId: actor.openId }, {
      text: pick(i18n(`以下审批无法转交给 ${successor.name}（角色不符），请管理员手动转交：${names(stepsLeft)}`, `These approvals could not go to ${successor.name} (a different role); an admin must transfer them: ${names(stepsLeft)}`), actor.locale),
    });
  }
  return result;
}
