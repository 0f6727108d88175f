/** The weekly reminder's 关闭 button: the reason form, then the close. */
import { dutyClosedCard, dutyCloseFormCard, DUTY_CLOSE, DUTY_CLOSE_SAVE } from '../../../cards/duty-close.js';
import { i18n } from '../../domain/i18n.js';
import { toast, type CardHandler } from '../card-handler.js';
import { closeDutyWithReason, openDutyOf } from './close-with-reason.js';

const str = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

const onClose: CardHandler = async (ctx, v) => {
  const row = await openDutyOf(ctx.tx, str(v.o), ctx.operator);
  const title = typeof row.meta.title === 'string' ? row.meta.title : row.subjectId;
  return { card: { type: 'raw', data: dutyCloseFormCard({ obligationId: String(row.id), title }) } };
};

const onCloseSave: CardHandler = async (ctx, v) => {
  const form = (ctx.action.form_value ?? {}) as Record<string, unknown>;
  const done = await closeDutyWithReason(ctx.tx, { obligationId: str(v.o), actor: ctx.operator, reason: form.reason }, ctx.now);
  return { ...toast('success', i18n('已关闭，经理会收到原因。', 'Closed; your manager will see the reason.')), card: { type: 'raw', data: dutyClosedCard(done) } };
};

export const DUTY_CARD_HANDLERS: Record<string, CardHandler> = { [DUTY_CLOSE]: onClose, [DUTY_CLOSE_SAVE]: onCloseSave };
