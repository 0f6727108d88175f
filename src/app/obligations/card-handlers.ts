/** The weekly reminder's 关闭 button: the reason form, then the close. */
import { dutyClosedCard, dutyCloseFormCard, DUTY_CLOSE, DUTY_CLOSE_SAVE } from '../../../cards/duty-close.js';
import { i18n } from '../../domain/i18n.js';
import { z } from 'zod';
import { RefValue } from '../../../cards/action-value.js';
import { cardAction, formOf, toast, type CardAction, type CardRun } from '../card-handler.js';
import { field } from '../../domain/card-form.js';
import { closeDutyWithReason, openDutyOf } from './close-with-reason.js';

const DutyValue = z.object({ o: RefValue });
const CloseForm = { reason: field.text(i18n('原因', 'Reason')) };

const onClose: CardRun<typeof DutyValue> = async (ctx, v) => {
  const row = await openDutyOf(ctx.tx, v.o, ctx.operator);
  const title = typeof row.meta.title === 'string' ? row.meta.title : row.subjectId;
  return { card: { type: 'raw', data: dutyCloseFormCard({ obligationId: String(row.id), title }) } };
};

const onCloseSave: CardRun<typeof DutyValue> = async (ctx, v) => {
  const done = await closeDutyWithReason(ctx.tx, { obligationId: v.o, actor: ctx.operator, reason: formOf(ctx, CloseForm).reason }, ctx.now, ctx.deps.ids);
  return { ...toast('success', i18n('已关闭，经理会收到原因。', 'Closed; your manager will see the reason.')), card: { type: 'raw', data: dutyClosedCard(done) } };
};

export const DUTY_CARD_ACTIONS: CardAction[] = [
  cardAction(DUTY_CLOSE, DutyValue, onClose),
  cardAction(DUTY_CLOSE_SAVE, DutyValue, onCloseSave),
];
