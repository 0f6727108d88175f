/**
 * What a feature does when a request about its record moves on, keyed by the request's
 * `subject_type`. The engine knows no feature: the registry is built at the composition root
 * (src/runtime/approval-hooks.ts) and handed in as `deps.approvalHooks`. Hooks run inside the
 * transition's transaction: if one throws, the transition is undone.
 */
import type { Deps } from '../deps.js';
import type { ApprovalHooksOf, HookContextOf } from './hook-types.js';

export type HookContext = HookContextOf<Deps>;
export type ApprovalHooks = ApprovalHooksOf<Deps>;
