import type { EventHandlers } from '../lark/inbound.js';
import { distinctKinds } from '../app/card-handler.js';
import { MESSAGE_RECEIVED } from '../chat/on-message.js';
import { MENU_CLICKED, P2P_CHAT_CREATED } from '../chat/on-entry.js';
import { RUN_FROM_CARD } from '../chat/card-run.js';
import { APPROVAL_CARD_ACTIONS } from '../app/approval/card-handlers.js';
import { REQUEST_CARD_ACTIONS } from '../app/requests/card-handlers.js';
import { MONTHLY_REPORT_CARD_ACTIONS } from '../app/monthly-report/card-handlers.js';
import { CUSTOMER_CARD_ACTIONS } from '../app/customer/card-handlers.js';
import { PROGRESS_CARD_ACTIONS } from '../app/progress/card-handlers.js';
import { VISIT_CARD_ACTIONS } from '../app/visit/card-handlers.js';
import { DRAFT_CARD_ACTIONS } from '../app/visit/draft-handlers.js';
import { RECEPTION_CARD_ACTIONS } from '../app/reception/card-handlers.js';
import { REIMBURSEMENT_CARD_ACTIONS } from '../app/reimbursement/card-handlers.js';
import { DUTY_CARD_ACTIONS } from '../app/obligations/card-handlers.js';
import { SETTINGS_CARD_ACTIONS } from '../app/settings-handlers.js';
import { TRIP_CARD_ACTIONS } from '../app/travel/card-handlers.js';
import { KPI_CARD_ACTIONS, TARGET_CARD_ACTIONS } from '../app/kpi/card-handlers.js';
import type { FileBuilder } from '../app/outbox.js';
import { buildKpiExportFile, KPI_EXPORT_BUILD } from '../app/kpi/export.js';
import { BUDGET_CARD_ACTIONS } from '../app/kpi/budget-handlers.js';
import { DEV_PLAN_CARD_ACTIONS } from '../app/kpi/development-target-handlers.js';

/** Event types the bot acts on (each with its schema and arrival filter); anything else is stored, acknowledged and logged. */
export const EVENT_HANDLERS: EventHandlers = {
  'im.message.receive_v1': MESSAGE_RECEIVED,
  'application.bot.menu_v6': MENU_CLICKED,
  p2p_chat_create: P2P_CHAT_CREATED,
};

/** Card button kinds (the `k` of the action value) and their actions; a kind claimed twice stops the start. */
export const CARD_ACTIONS = distinctKinds([
  RUN_FROM_CARD,
  ...APPROVAL_CARD_ACTIONS,
  ...REQUEST_CARD_ACTIONS,
  ...MONTHLY_REPORT_CARD_ACTIONS,
  ...CUSTOMER_CARD_ACTIONS,
  ...PROGRESS_CARD_ACTIONS,
  ...VISIT_CARD_ACTIONS,
  ...DRAFT_CARD_ACTIONS,
  ...RECEPTION_CARD_ACTIONS,
  ...REIMBURSEMENT_CARD_ACTIONS,
  ...DUTY_CARD_ACTIONS,
  ...SETTINGS_CARD_ACTIONS,
  ...TRIP_CARD_ACTIONS,
  ...TARGET_CARD_ACTIONS,
  ...KPI_CARD_ACTIONS,
  ...BUDGET_CARD_ACTIONS,
  ...DEV_PLAN_CARD_ACTIONS,
]);

/** What the outbox's `file` rows are built with, by FileSpec.build (src/app/outbox.ts). */
export const FILE_BUILDERS: Record<string, FileBuilder> = {
  [KPI_EXPORT_BUILD]: buildKpiExportFile,
};

