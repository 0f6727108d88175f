/**
 * After a rejection or a return, the requester sends the request again: a new round with the
 * chain planned afresh from today's roster, earlier rounds kept. A feature that let the
 * requester edit the subject passes the new display fields.
 */
import type { Tx } from '../../../db/client.js';
import type { FieldRow } from '../../domain/approval/view.js';
import type { I18nText } from '../../domain/i18n.js';
import type { Member } from '../../domain/roster.js';
import { applyAction, type Applied, type UseCaseContext } from './apply.js';
import type { EffectOptions } from './effects.js';

export interface ResubmitInput {
  requestId: string;
  requester: Member;
  fields?: FieldRow[];
  summary?: I18nText | string;
  hasBudget?: boolean;
  comment?: string | null;
  version?: number;
}

export async function resubmitRequest(tx: Tx, input: ResubmitInput, ctx: UseCaseContext, o: EffectOptions = {}): Promise<Applied> {
  const display = input.fields && input.summary !== undefined ? { fields: input.fields, summary: input.summary } : undefined;
  return applyAction(
    tx,
    ctx,
    { requestId: input.requestId, actor: input.requester, action: { type: 'resubmit', hasBudget: input.hasBudget, comment: input.comment ?? null, version: input.version }, display },
    o,
  );
}
