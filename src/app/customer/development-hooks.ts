/**
 * What an approved development application does (registered in approval/hooks.ts under
 * 'development'): the customer moves to `developing` and every project team member is told
 * their role, and the applicant owes the first periodic progress report (定期汇报)
 * `progressReportDays` later (src/app/progress).
 */
import { eq } from 'drizzle-orm';
import { developmentPlans } from '../../../db/schema/index.js';
import { TEAM_ROLE_LABEL } from '../../domain/customer/development-labels.js';
import { i18n, pick } from '../../domain/i18n.js';
import { enqueueSend } from '../outbox.js';
import type { ApprovalHooks } from '../approval/hooks.js';
import { writeStage } from './change-stage.js';
import { reviewerOf } from '../../domain/roster.js';
import { openProgressReport } from '../progress/open.js';
import { archiveOf, auditCustomer, loadCustomer, loadCustomerSettings, loadRosterMap } from './store.js';
import { developmentFormCard } from '../../../cards/development-form.js';
import { colleaguesFor } from '../../domain/colleagues.js';
import { coverageWarnings } from '../../domain/customer/development.js';
import { lastDecided } from '../../domain/approval/records.js';
import { refreshCustomerCards } from './view.js';

export const developmentHooks: ApprovalHooks = {
  async onApproved(ctx, approval) {
    const [plan] = await ctx.tx.select().from(developmentPlans).where(eq(developmentPlans.id, approval.state.request.subjectId));
    if (!plan) return;
    const customer = await loadCustomer(ctx.tx, plan.customerId);
    const lastApprover = [...approval.state.steps].reverse().find((s) => s.status === 'approved')?.decidedBy ?? approval.state.request.requesterId;
    // Only an application still waiting moves the customer: one moved on by hand meanwhile stays put.
    const moved = customer.stage === 'applying' ? await writeStage(ctx.tx, customer, 'developing', { actorId: lastApprover, now: ctx.now }) : customer;
    await auditCustomer(ctx.tx, ctx.now, lastApprover, 'customer.development_approved', customer.id, { requestId: plan.requestId });
    const roster = await loadRosterMap(ctx.tx, ctx.roster);
    const byMember = new Map<string, string[]>();
    for (const t of plan.plan.team) byMember.set(t.memberId, [...(byMember.get(t.memberId) ?? []), t.role]);
    const requester = roster.get(plan.requesterId)?.name ?? plan.requesterId;
    for (const [memberId, roles] of byMember) {
      const m = roster.get(memberId);
      if (!m?.active) continue;
      const zh = roles.map((r) => TEAM_ROLE_LABEL[r as keyof typeof TEAM_ROLE_LABEL].zh_cn).join('、');
      const en = roles.map((r) => TEAM_ROLE_LABEL[r as keyof typeof TEAM_ROLE_LABEL].en_us).join(', ');
      const text = i18n(
        `「${customer.name}」的开发申请已批准，开始开发。您在项目小组中担任：${zh}（申请人：${requester}）。`,
        `The development application for ${customer.name} was approved. Your role on the project team: ${en} (applicant: ${requester}).`,
      );
      await enqueueSend(ctx, { openId: memberId }, { text: pick(text, m.locale) });
    }
    const applicant = roster.get(plan.requesterId);
    if (moved.stage === 'developing' && applicant?.active) {
      const { progressReportDays } = await loadCustomerSettings(ctx.tx);
      await openProgressReport(ctx.tx, ctx.deps.config.timeZone, {
        planId: plan.id,
        seq: 0,
        customerId: customer.id,
        customerName: customer.name,
        ownerId: applicant.openId,
        managerId: reviewerOf(roster, applicant)?.openId ?? null,
        from: ctx.now,
        days: progressReportDays,
      });
    }
    await refreshCustomerCards(ctx.tx, ctx.deps, moved, ctx.now);
  },

  /** A rejected or withdrawn application leaves the customer screened (still qualified), free to apply again. */
  async onEnded(ctx, approval, outcome) {
    await moveIfAt(ctx, approval.state.request.subjectId, 'applying', 'screened', approval.state.request.requesterId, outcome);
  },

  /** "Edit & resubmit" after a rejection or a return: the application form, filled in from the plan. */
  async editCard(ctx, approval, requester) {
    const [plan] = await ctx.tx.select().from(developmentPlans).where(eq(developmentPlans.id, approval.state.request.subjectId));
    if (!plan) return null;
    const customer = await loadCustomer(ctx.tx, plan.customerId);
    const roster = await loadRosterMap(ctx.tx, ctx.roster);
    return developmentFormCard({
      customerId: customer.id, name: customer.name, categories: customer.categories,
      people: colleaguesFor(roster, roster.get(requester.openId) ?? requester, ['finance', 'admin']),
      warnings: coverageWarnings(archiveOf(customer).contacts),
      edit: { planId: plan.id, requestId: approval.state.request.id, version: approval.state.request.version, plan: plan.plan, reason: lastDecided(approval.state.steps)?.comment ?? null },
    });
  },

  async onResubmitted(ctx, approval) {
    await moveIfAt(ctx, approval.state.request.subjectId, 'screened', 'applying', approval.state.request.requesterId, 'resubmitted');
  },
};

async function moveIfAt(ctx: Parameters<NonNullable<ApprovalHooks['onApproved']>>[0], planId: string, from: 'applying' | 'screened', to: 'applying' | 'screened', actorId: string, why: string): Promise<void> {
  const [plan] = await ctx.tx.select().from(developmentPlans).where(eq(developmentPlans.id, planId));
  if (!plan) return;
  const customer = await loadCustomer(ctx.tx, plan.customerId);
  // Only a customer still where the application left it moves: one moved on by hand stays put.
  if (customer.stage !== from) return;
  const moved = await writeStage(ctx.tx, customer, to, { actorId, now: ctx.now, ...(to === 'screened' ? { screening: 'qualified' as const } : {}) });
  await auditCustomer(ctx.tx, ctx.now, actorId, `customer.development_${why}`, customer.id, { requestId: plan.requestId });
  await refreshCustomerCards(ctx.tx, ctx.deps, moved, ctx.now);
}
