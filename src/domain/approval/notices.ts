/**
 * The one line that tells a requester how their request ended, when the card they hold has
 * already been patched to show it: a patch is silent, a second copy of the card is noise.
 */
import { i18n, type I18nText } from '../i18n.js';
import type { Roster } from '../roster.js';
import { kindLabel } from './kinds.js';
import { REQUEST_STATUS_LABEL } from './labels.js';
import { nameOf } from './messages.js';
import type { ApprovalState, RequesterOutcome } from './types.js';

const REASON_MAX = 200;
const clip = (s: string): string => ([...s].length > REASON_MAX ? `${[...s].slice(0, REASON_MAX - 1).join('')}…` : s);

export function outcomeNotice(state: ApprovalState, roster: Roster, e: { outcome: RequesterOutcome; byId: string; reason: string | null }): I18nText {
  const kind = kindLabel(state.request.kind);
  const who = nameOf(roster, e.byId);
  const word = e.outcome === 'submitted' ? REQUEST_STATUS_LABEL.pending : REQUEST_STATUS_LABEL[e.outcome];
  const reason = e.reason ? i18n(`原因：${clip(e.reason)}。`, ` Reason: ${clip(e.reason)}.`) : i18n('', '');
  const next =
    e.outcome === 'rejected' || e.outcome === 'returned'
      ? i18n('可在申请卡片上修改后重新提交。', ' You can edit and resubmit it from the request card.')
      : i18n('', '');
  return i18n(
    `你的${kind.zh_cn}${word.zh_cn}（${who}）。${reason.zh_cn}${next.zh_cn}`,
    `Your ${kind.en_us.toLowerCase()}: ${word.en_us.toLowerCase()} by ${who}.${reason.en_us}${next.en_us}`,
  );
}
