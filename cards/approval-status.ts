/**
 * The requester's live progress card: the same chain as the approvers see, where it stands
 * now, and what the requester can still do — withdraw while it is open, edit and resubmit
 * after a rejection or a return. Re-rendered on every transition (the `refresh_cards` effect).
 */
import type { ApprovalView } from '../src/domain/approval/view.js';
import { i18n } from '../src/domain/i18n.js';
import { chainSection, fieldsBlock, outcomeBlock, STATUS_TEMPLATE, statusTag, waitingNote } from './approval-parts.js';
import { resubmitValue, withdrawValue } from './approval-values.js';
import { button, buttonRow, card, hr, type Card, type CardElement } from './kit.js';

export function approvalStatusCard(view: ApprovalView): Card {
  const elements: CardElement[] = [...fieldsBlock(view.fields)];
  if (elements.length) elements.push(hr());
  elements.push(...chainSection(view));

  const outcome = outcomeBlock(view);
  const waiting = waitingNote(view);
  if (outcome) elements.push(hr(), outcome);
  else if (waiting) elements.push(waiting);

  const actions: CardElement[] = [];
  if (view.viewer.canResubmit) {
    actions.push(button({ text: i18n('修改并重新提交', 'Edit & resubmit'), value: resubmitValue(view.requestId, view.version), type: 'primary_filled' }));
  }
  if (view.viewer.canWithdraw) {
    actions.push(
      button({
        text: i18n('撤回申请', 'Withdraw'),
        value: withdrawValue(view.requestId, view.version),
        type: 'danger',
        confirm: {
          title: i18n('确定撤回此申请？', 'Withdraw this request?'),
          text: i18n('撤回后审批流程结束，如需继续请重新提交。', 'The approval stops here; you would have to submit it again.'),
        },
      }),
    );
  }
  if (actions.length) elements.push(buttonRow(actions));

  return card({
    title: i18n(`我的申请 · ${view.kindLabel.zh_cn}`, `My request · ${view.kindLabel.en_us}`),
    subtitle: i18n(`提交于 ${view.submittedAt}`, `Submitted ${view.submittedAt}`),
    template: STATUS_TEMPLATE[view.status],
    tags: statusTag(view),
    summary: i18n(`${view.kindLabel.zh_cn}：${view.statusLabel.zh_cn}`, `${view.kindLabel.en_us}: ${view.statusLabel.en_us}`),
    elements,
  });
}
