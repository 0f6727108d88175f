/**
 * The card an approver sees. It shows what is asked, the chain with each step's state and —
 * only when this viewer may act now — the decision controls. Three states of the same card:
 * `main` (approve with an optional comment; reject and transfer open their own state),
 * `reject` (a required reason, then reject or return for revision) and `transfer` (pick an
 * eligible member of the same tier, required reason). A second state rather than one big form
 * because Feishu blocks a form's submit while any required field is empty, which would also
 * block Approve. Once the step is decided every copy is re-rendered and the controls vanish.
 */
import type { ApprovalView } from '../src/domain/approval/view.js';
import { i18n } from '../src/domain/i18n.js';
import { chainSection, clip, fieldsBlock, outcomeBlock, safeName, STATUS_TEMPLATE, statusTag, waitingNote } from './approval-parts.js';
import { decideValue, FORM_FIELD, openValue, type CardMode } from './approval-values.js';
import { button, buttonRow, card, form, hr, input, md, note, type Card, type CardElement } from './kit.js';
import { personSelect } from './person-picker.js';

const REASON_MAX = 500;
/** A person option costs ~50 bytes; the rest of a tier this large is reached by an admin's transfer. */
const CANDIDATES_MAX = 100;

export function approvalRequestCard(view: ApprovalView, mode: CardMode = 'main', o: { superseded?: boolean } = {}): Card {
  const elements: CardElement[] = [];
  if (o.superseded) {
    elements.push(note(i18n(`申请人已修改并重新提交（第 ${view.round} 轮），本卡片不再用于审批；轮到你时会收到新的审批卡片。`, `The requester edited and resubmitted this (round ${view.round}); this card is no longer used. You will get a new card when it is your turn.`)));
  }
  elements.push(...fieldsBlock(view.fields));
  if (view.fields.length) elements.push(hr());
  elements.push(...chainSection(view));

  const outcome = outcomeBlock(view);
  if (outcome) elements.push(hr(), outcome);
  else if (!view.viewer.canDecide && !o.superseded) {
    const waiting = waitingNote(view);
    if (waiting) elements.push(waiting);
  }
  if (view.viewer.canDecide && view.current) elements.push(hr(), ...controls(view, effectiveMode(view, mode)));

  const who = clip(view.requesterName, 30);
  return card({
    title: i18n(`${view.kindLabel.zh_cn} · 审批`, `${view.kindLabel.en_us} · approval`),
    subtitle: i18n(`申请人：${who} · 提交于 ${view.submittedAt}`, `From ${who} · submitted ${view.submittedAt}`),
    template: STATUS_TEMPLATE[view.status],
    tags: statusTag(view),
    summary: i18n(`${view.kindLabel.zh_cn}：${who}（${view.statusLabel.zh_cn}）`, `${view.kindLabel.en_us}: ${who} (${view.statusLabel.en_us})`),
    elements,
  });
}

/** A transfer form with nobody to pick would be a dead end; fall back to the main state. */
function effectiveMode(view: ApprovalView, mode: CardMode): CardMode {
  return mode === 'transfer' && view.transferCandidates.length === 0 ? 'main' : mode;
}

function controls(view: ApprovalView, mode: CardMode): CardElement[] {
  const c = view.current!;
  const { requestId: r, version: ver } = view;
  const out: CardElement[] = [];
  if (view.viewer.asAdmin) {
    out.push(note(i18n(`你是管理员，将代 ${safeName(c.approverName)} 处理此步骤`, `You are an admin: you will act in place of ${safeName(c.approverName)}`)));
  }
  const back = button({ text: i18n('返回', 'Back'), value: openValue(r, c.index, ver, 'main'), type: 'text' });

  if (mode === 'reject') {
    out.push(
      md(i18n('**驳回或退回修改**：请填写原因，申请人会收到。', '**Reject or return for revision**: give a reason; the requester will see it.')),
      form('reject_form', [
        input({ name: FORM_FIELD.reason, label: i18n('原因（必填）', 'Reason (required)'), placeholder: i18n('说明驳回或需要修改的原因', 'Why it is rejected, or what to change'), required: true, multiline: true, maxLength: REASON_MAX }),
        buttonRow([
          button({ text: i18n('驳回', 'Reject'), value: decideValue(r, c.index, ver, 'reject'), type: 'danger_filled', name: 'reject_btn', formSubmit: true }),
          button({ text: i18n('退回修改', 'Return for revision'), value: decideValue(r, c.index, ver, 'return'), type: 'default', name: 'return_btn', formSubmit: true }),
        ]),
      ]),
      back,
    );
    return out;
  }

  if (mode === 'transfer') {
    out.push(
      md(i18n(`**转交**给其他${c.tierLabel.zh_cn}人员`, `**Transfer** to another ${c.tierLabel.en_us.toLowerCase()} approver`)),
      form('transfer_form', [
        personSelect({
          name: FORM_FIELD.to,
          placeholder: i18n('选择转交对象', 'Choose who takes it over'),
          candidates: view.transferCandidates.map((m) => m.id),
          cap: CANDIDATES_MAX,
          required: true,
        }),
        input({ name: FORM_FIELD.reason, label: i18n('转交原因（必填）', 'Reason (required)'), required: true, maxLength: REASON_MAX }),
        button({ text: i18n('转交', 'Transfer'), value: decideValue(r, c.index, ver, 'transfer'), type: 'primary_filled', name: 'transfer_btn', formSubmit: true }),
      ]),
      back,
    );
    return out;
  }

  out.push(
    form('approve_form', [
      input({ name: FORM_FIELD.comment, label: i18n('审批意见（选填）', 'Comment (optional)'), placeholder: i18n('可留空', 'May be left empty'), maxLength: REASON_MAX }),
      button({ text: i18n('同意', 'Approve'), value: decideValue(r, c.index, ver, 'approve'), type: 'primary_filled', name: 'approve_btn', formSubmit: true }),
    ]),
  );
  const more = [button({ text: i18n('驳回 / 退回', 'Reject / return'), value: openValue(r, c.index, ver, 'reject'), type: 'danger' })];
  if (view.transferCandidates.length) more.push(button({ text: i18n('转交', 'Transfer'), value: openValue(r, c.index, ver, 'transfer'), type: 'default' }));
  out.push(buttonRow(more));
  return out;
}
