/**
 * Which card each person sees for a request, and the card-message subjects that record their
 * copies. A 2.0 card is the same JSON for everyone who sees that message, so each copy is built
 * for the one person it was sent to: the requester gets the progress card, an approver the
 * request card (with buttons only while they can act), and a group post a card nobody acts from.
 */
import type { Card } from '../../../cards/kit.js';
import { approvalRequestCard } from '../../../cards/approval-request.js';
import { approvalStatusCard } from '../../../cards/approval-status.js';
import type { CardMode } from '../../../cards/approval-values.js';
import { buildApprovalView } from '../../domain/approval/index.js';
import type { Roster } from '../../domain/roster.js';
import type { Config } from '../../config.js';
import type { Subject } from '../outbox.js';
import type { StoredApproval } from './store.js';

export const APPROVAL_SUBJECT = 'approval';

/** Whose copy: an approver's (by open id), the requester's, or nobody's (a group post). */
export type CopyViewer = { approver: string } | 'requester' | null;

export function approvalSubject(requestId: string, viewer: CopyViewer): Subject {
  const suffix = viewer === null ? '' : viewer === 'requester' ? ':requester' : `:approver:${viewer.approver}`;
  return { type: APPROVAL_SUBJECT, id: `${requestId}${suffix}` };
}

export function parseApprovalSubject(id: string): { requestId: string; viewer: CopyViewer } {
  const [requestId = '', role, openId] = id.split(':');
  if (role === 'requester') return { requestId, viewer: 'requester' };
  if (role === 'approver' && openId) return { requestId, viewer: { approver: openId } };
  return { requestId, viewer: null };
}

export interface RenderEnv {
  roster: Roster;
  config: Pick<Config, 'admins' | 'timeZone'>;
}

const viewOf = (stored: StoredApproval, env: RenderEnv, viewerId: string | null) =>
  buildApprovalView(stored.state, { roster: env.roster, viewerId, admins: env.config.admins, timeZone: env.config.timeZone, fields: stored.fields });

export const requesterCard = (stored: StoredApproval, env: RenderEnv): Card => approvalStatusCard(viewOf(stored, env, stored.state.request.requesterId));

export const approverCard = (stored: StoredApproval, env: RenderEnv, viewerId: string | null, mode: CardMode = 'main'): Card =>
  approvalRequestCard(viewOf(stored, env, viewerId), mode);

/** The card `viewerId` should see when they ask for this request. */
export const cardForViewer = (stored: StoredApproval, env: RenderEnv, viewerId: string, mode: CardMode = 'main'): Card =>
  viewerId === stored.state.request.requesterId ? requesterCard(stored, env) : approverCard(stored, env, viewerId, mode);

/** An earlier round's approver copy once the request is sent again: the state, no controls, and where to act now. */
export const supersededCard = (stored: StoredApproval, env: RenderEnv): Card => approvalRequestCard(viewOf(stored, env, null), 'main', { superseded: true });

export function cardForCopy(stored: StoredApproval, env: RenderEnv, viewer: CopyViewer): Card {
  if (viewer === 'requester') return requesterCard(stored, env);
  return approverCard(stored, env, viewer?.approver ?? null);
}

/** The subject under which `viewerId`'s own copy is recorded. */
export const subjectForViewer = (stored: StoredApproval, viewerId: string): Subject =>
  approvalSubject(stored.state.request.id, viewerId === stored.state.request.requesterId ? 'requester' : { approver: viewerId });
