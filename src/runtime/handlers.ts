import type { EventFilter, EventHandler } from '../lark/inbound.js';
import { distinctKinds, plainAction, type CardHandler } from '../app/card-handler.js';
import { messageEventConcernsBot, onMessage } from '../chat/on-message.js';
import { onMenu, onP2pChatCreate } from '../chat/on-entry.js';
import { runCommandFromCard } from '../chat/card-run.js';
import { APPROVAL_CARD_HANDLERS } from '../app/approval/card-handlers.js';
import { REQUEST_CARD_HANDLERS } from '../app/requests/card-handlers.js';
import { MONTHLY_REPORT_CARD_HANDLERS } from '../app/monthly-report/card-handlers.js';
import { CUSTOMER_CARD_HANDLERS } from '../app/customer/card-handlers.js';
import { PROGRESS_CARD_HANDLERS } from '../app/progress/card-handlers.js';
import { VISIT_CARD_HANDLERS } from '../app/visit/card-handlers.js';
import { DRAFT_CARD_HANDLERS } from '../app/visit/draft-handlers.js';
import { RECEPTION_CARD_HANDLERS } from '../app/reception/card-handlers.js';
import { REIMBURSEMENT_CARD_HANDLERS } from '../app/reimbursement/card-handlers.js';
import { DUTY_CARD_HANDLERS } from '../app/obligations/card-handlers.js';
import { SETTINGS_CARD_HANDLERS } from '../app/settings-handlers.js';
import { TRIP_CARD_HANDLERS } from '../app/travel/card-handlers.js';
import { TARGET_CARD_HANDLERS } from '../app/kpi/card-handlers.js';

/** Event types the bot acts on; anything else is stored, acknowledged and logged. */
export const EVENT_HANDLERS: Record<string, EventHandler> = {
  'im.message.receive_v1': onMessage,
  'application.bot.menu_v6': onMenu,
  p2p_chat_create: onP2pChatCreate,
};

/** Which arriving events can matter, per type; a type without a filter always goes on. */
export const EVENT_FILTERS: Record<string, EventFilter> = {
  'im.message.receive_v1': messageEventConcernsBot,
};

const plain = (handlers: Record<string, CardHandler>) => Object.entries(handlers).map(([kind, run]) => plainAction(kind, run));

/** Card button kinds (the `k` of the action value) and their actions; a kind claimed twice stops the start. */
export const CARD_ACTIONS = distinctKinds([
  ...plain({ 'chat.run': runCommandFromCard }),
  ...plain(APPROVAL_CARD_HANDLERS),
  ...plain(REQUEST_CARD_HANDLERS),
  ...plain(MONTHLY_REPORT_CARD_HANDLERS),
  ...plain(CUSTOMER_CARD_HANDLERS),
  ...plain(PROGRESS_CARD_HANDLERS),
  ...plain(VISIT_CARD_HANDLERS),
  ...plain(DRAFT_CARD_HANDLERS),
  ...plain(RECEPTION_CARD_HANDLERS),
  ...plain(REIMBURSEMENT_CARD_HANDLERS),
  ...plain(DUTY_CARD_HANDLERS),
  ...plain(SETTINGS_CARD_HANDLERS),
  ...plain(TRIP_CARD_HANDLERS),
  ...plain(TARGET_CARD_HANDLERS),
]);
