import type { EventFilter, EventHandler } from '../lark/inbound.js';
import type { CardHandler } from '../app/card-handler.js';
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
import { KPI_CARD_HANDLERS, TARGET_CARD_HANDLERS } from '../app/kpi/card-handlers.js';
import type { FileBuilder } from '../app/outbox.js';
import { buildKpiExportFile, KPI_EXPORT_BUILD } from '../app/kpi/export.js';
import { BUDGET_CARD_HANDLERS } from '../app/kpi/budget-handlers.js';
import { DEV_PLAN_CARD_HANDLERS } from '../app/kpi/development-target-handlers.js';

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

/** Card button kinds (the `k` of the action value) and their handlers. */
export const CARD_HANDLERS: Record<string, CardHandler> = {
  'chat.run': runCommandFromCard,
  ...APPROVAL_CARD_HANDLERS,
  ...REQUEST_CARD_HANDLERS,
  ...MONTHLY_REPORT_CARD_HANDLERS,
  ...CUSTOMER_CARD_HANDLERS,
  ...PROGRESS_CARD_HANDLERS,
  ...VISIT_CARD_HANDLERS,
  ...DRAFT_CARD_HANDLERS,
  ...RECEPTION_CARD_HANDLERS,
  ...REIMBURSEMENT_CARD_HANDLERS,
  ...DUTY_CARD_HANDLERS,
  ...SETTINGS_CARD_HANDLERS,
  ...TRIP_CARD_HANDLERS,
  ...TARGET_CARD_HANDLERS,
  ...KPI_CARD_HANDLERS,
  ...BUDGET_CARD_HANDLERS,
  ...DEV_PLAN_CARD_HANDLERS,
};

/** What the outbox's `file` rows are built with, by FileSpec.build (src/app/outbox.ts). */
export const FILE_BUILDERS: Record<string, FileBuilder> = {
  [KPI_EXPORT_BUILD]: buildKpiExportFile,
};
