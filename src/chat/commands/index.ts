import type { Command } from '../registry.js';
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
import { checkinCommand, locationCheckIn } from './travel.js';
import { checkinsCommand } from './checkins.js';
import { returnCommand } from './equipment.js';
import { progressCommand } from './progress.js';
import { todoCommand } from './todo.js';
import { targetChangeCommand, targetsCommand } from './targets.js';
import { kpiCommand } from './kpi.js';
import { monthlyReportFreeText } from './monthly-report.js';
import { FREE_TEXT_HANDLERS, MESSAGE_TYPE_HANDLERS } from '../free-text.js';
import { draftsCommand, templateCommand, visitCommand } from './visit.js';
import { receptionCommand } from './reception.js';
import { reimburseCommand } from './reimburse.js';
import { reportFreeTextHandler } from './visit-free-text.js';
import { attachReceipt } from '../../app/reimbursement/attach-receipt.js';
import { researchFromReply } from './customer-research.js';

/** Every text command the bot understands; later features append theirs here. */
export const COMMANDS: Command[] = [];
COMMANDS.push(helpCommand(() => COMMANDS), teamCommand, memberCommand, langCommand);
COMMANDS.push(todoCommand, pendingCommand, requestsCommand, replyDecisionCommand, applyCommand);
COMMANDS.push(reportCommand, reportsCommand, holidayCommand, workdayCommand);
COMMANDS.push(customerCommand, newCustomerCommand, customersCommand, handoverCommand, ownerCommand, answerCommand);
COMMANDS.push(checkinCommand, checkinsCommand, progressCommand, returnCommand);
COMMANDS.push(targetsCommand, targetChangeCommand, kpiCommand);
FREE_TEXT_HANDLERS.push(monthlyReportFreeText);
(MESSAGE_TYPE_HANDLERS.location ??= []).push(locationCheckIn);
COMMANDS.push(visitCommand, receptionCommand, reimburseCommand, templateCommand, draftsCommand);
FREE_TEXT_HANDLERS.push(reportFreeTextHandler);
// A reply to an archive card is research for that customer; anything else may be a receipt.
(MESSAGE_TYPE_HANDLERS.image ??= []).push(researchFromReply, attachReceipt);
(MESSAGE_TYPE_HANDLERS.file ??= []).push(researchFromReply, attachReceipt);

export const HELP_COMMAND = COMMANDS[0]!;
