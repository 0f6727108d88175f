/** The approval engine's public surface: what app/, db/ and cards/ import. */
export { deriveChain, type PlannedStep, type ActiveStep, type SkippedStep, type SkipReason, type ChainOptions } from './chain.js';
export { decide } from './machine.js';
export { checkInvariants } from './invariants.js';
export { KIND_SPECS, REQUEST_KINDS, TIERS, TIER_LABEL, isRequestKind, kindLabel, type RequestKind, type Tier, type KindSpec } from './kinds.js';
export { REQUEST_STATUS_LABEL, STEP_STATUS_LABEL, SKIP_REASON_LABEL } from './labels.js';
export { buildApprovalView, stepView, STEP_ICON, type ApprovalView, type StepView, type FieldRow, type ViewOptions } from './view.js';
export { pendingItemOf, requestItemOf, type PendingItem, type RequestItem } from './list-items.js';
export type * from './types.js';
