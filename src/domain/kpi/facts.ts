/**
 * The plain facts the KPIs are computed from, one shape per kind of record. The wiring session
 * reads them from the tables (or aggregates them in SQL straight into a Tally, see tally.ts);
 * nothing here knows where they come from.
 */
import type { Category } from '../customer/categories.js';
import type { Stage } from '../customer/lifecycle.js';
import type { Role } from '../roster.js';
import type { Period } from './period.js';

export interface KpiMember {
  id: string;
  name: string;
  role: Role;
  teamId: string | null;
}

export interface KpiTeam {
  id: string;
  name: string;
  managerId: string | null;
}

/** Who owned a customer from when until when (`to` null: still). From creation and handover records. */
export interface OwnershipSpan {
  customerId: string;
  ownerId: string;
  from: Date;
  to: Date | null;
}

/** A transaction (交易情况). `date` is the day key it was recorded on; `responsibleId` the person named on it, if any. */
export interface SaleFact {
  customerId: string;
  date: string;
  amountFen: number;
  responsibleId?: string | null;
}

/** A lifecycle move; `won` and `churned` are the ones the KPIs count. */
export interface StageEvent {
  customerId: string;
  stage: Stage;
  at: Date;
}

export interface CustomerFact {
  id: string;
  categories: readonly Category[];
}

/** A complaint recorded against a customer; `valid`: caused by our staff or company (确因人员或企业过失). */
export interface ComplaintFact {
  customerId: string;
  at: Date;
  valid: boolean;
  /** The member at fault, when the complaint names one; otherwise the customer's owner at the time answers for it. */
  staffId?: string | null;
}

/**
 * Something that had to be answered by a deadline: customer feedback (意见反馈) or a customer
 * question (客户问题). `dueAt` is `raisedAt` plus the standard time in force when it was raised.
 */
export interface TimedItemFact {
  customerId: string;
  raisedAt: Date;
  dueAt: Date;
  answeredAt: Date | null;
  /** Who had to answer, when recorded; otherwise the customer's owner when it was raised. */
  assigneeId?: string | null;
}

/** A follow-up obligation after a visit (一周内回访). */
export interface FollowUpFact {
  specialistId: string;
  dueAt: Date;
  doneAt: Date | null;
}

/** An approved reimbursement (服务费用开支). */
export interface CostFact {
  claimantId: string;
  date: string;
  amountFen: number;
}

export type BudgetScope = { kind: 'member'; id: string } | { kind: 'team'; id: string } | { kind: 'department' };

/** A service-cost budget for a year (服务费用预算额). */
export interface BudgetFact {
  year: number;
  scope: BudgetScope;
  amountFen: number;
}

/** A customer's archive as it stands (completeness.ts gives filled and required). */
export interface ArchiveFact {
  customerId: string;
  ownerId: string;
  filled: number;
  required: number;
}

/**
 * A visit that took place, judged against the service standard: an approved plan before it,
 * the record in on time, the follow-up done on time (null while the follow-up is not yet due).
 */
export interface VisitFact {
  specialistId: string;
  at: Date;
  planApproved: boolean;
  recordOnTime: boolean;
  followUpOnTime: boolean | null;
  /** The customer's rating (1–5) recorded with the follow-up, if any. */
  rating?: number | null;
}

/** Planned new key accounts for a specialist and period (大客户开发计划). */
export interface DevelopmentPlanFact {
  specialistId: string;
  period: Period;
  plannedNewAccounts: number;
}

/** The target in force for a specialist and period (targets.ts `targetInForce`), summed over regions and products. */
export interface TargetFact {
  specialistId: string;
  period: Period;
  amountFen: number;
}

export interface KpiFacts {
  members: readonly KpiMember[];
  teams: readonly KpiTeam[];
  ownership: readonly OwnershipSpan[];
  customers: readonly CustomerFact[];
  sales: readonly SaleFact[];
  stages: readonly StageEvent[];
  complaints: readonly ComplaintFact[];
  feedback: readonly TimedItemFact[];
  questions: readonly TimedItemFact[];
  followUps: readonly FollowUpFact[];
  costs: readonly CostFact[];
  budgets: readonly BudgetFact[];
  archives: readonly ArchiveFact[];
  visits: readonly VisitFact[];
  developmentPlans: readonly DevelopmentPlanFact[];
  targets: readonly TargetFact[];
}

export const emptyFacts = (): KpiFacts => ({
  members: [], teams: [], ownership: [], customers: [], sales: [], stages: [], complaints: [], feedback: [], questions: [],
  followUps: [], costs: [], budgets: [], archives: [], visits: [], developmentPlans: [], targets: [],
});
