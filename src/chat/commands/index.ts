import { distinctWords, type Command } from '../registry.js';
import { helpCommand } from './help.js';
import { langCommand } from './lang.js';
import { memberCommand } from './member.js';
import { teamCommand } from './team.js';
import { pendingCommand, replyDecisionCommand, requestsCommand } from './approval.js';
import { applyCommand } from './requests.js';
import { reportCommand, reportsCommand } from './monthly-report.js';
import { holidayCommand, workdayCommand } from './calendar.js';
import { customerCommand, newCustomerCommand } from './customer.js';
import { customersCommand } from './customers.js';
import { handoverCommand } from './handover.js';
import { ownerCommand } from './owner.js';
import { answerCommand } from './answer.js';
import { feedbackCommand, feedbackGivenCommand } from './feedback.js';
import { checkinCommand, locationCheckIn } from './travel.js';
import { checkinsCommand } from './checkins.js';
import { cancelTripCommand, shortenTripCommand, travelDaysCommand, tripsCommand } from './trips.js';
import { returnCommand } from './equipment.js';
import { progressCommand } from './progress.js';
import { todoCommand } from './todo.js';
import { statusCommand } from './status.js';
import { settingsCommand } from './settings.js';
import { targetChangeCommand, targetsCommand } from './targets.js';
import { kpiCommand } from './kpi.js';
import { assessmentCommand } from './assessment.js';
import { budgetCommand } from './budget.js';
import { devPlanCommand } from './development-plan.js';
import { monthlyReportFreeText } from './monthly-report.js';
import type { FreeTextHandler, MessageTypeHandler } from '../free-text.js';
import { draftsCommand, templateCommand, visitCommand } from './visit.js';
import { receptionCommand } from './reception.js';
import { reimburseCommand } from './reimburse.js';
import { reportFreeTextHandler } from './visit-free-text.js';
import { attachReceipt } from '../../app/reimbursement/attach-receipt.js';
import { researchFromReply } from './customer-research.js';

/**
 * Every text command the bot understands, in the order help lists them (help first). Built once
 * here, as a value; a word two commands claim is refused at start (`distinctWords`).
 */
export const COMMANDS: readonly Command[] = distinctWords([
  helpCommand(() => COMMANDS), teamCommand, memberCommand, langCommand,
  todoCommand, pendingCommand, requestsCommand, replyDecisionCommand, applyCommand,
  reportCommand, reportsCommand, holidayCommand, workdayCommand, statusCommand, settingsCommand,
  customerCommand, newCustomerCommand, customersCommand, handoverCommand, ownerCommand, answerCommand, feedbackCommand, feedbackGivenCommand,
  checkinCommand, checkinsCommand, progressCommand, returnCommand,
  tripsCommand, cancelTripCommand, shortenTripCommand, travelDaysCommand,
  targetsCommand, targetChangeCommand, kpiCommand, assessmentCommand, budgetCommand, devPlanCommand,
  visitCommand, receptionCommand, reimburseCommand, templateCommand, draftsCommand,
]);

export const HELP_COMMAND = COMMANDS[0]!;

/** Text that matched no command, asked in order: a monthly report without its word, then a visit summary. */
export const FREE_TEXT_HANDLERS: readonly FreeTextHandler[] = [monthlyReportFreeText, reportFreeTextHandler];

/** Non-text messages by type. A reply to an archive card is research for that customer; anything else may be a receipt. */
export const MESSAGE_TYPE_HANDLERS: Readonly<Record<string, readonly MessageTypeHandler[]>> = {
  location: [locationCheckIn],
  image: [researchFromReply, attachReceipt],
  file: [researchFromReply, attachReceipt],
};
