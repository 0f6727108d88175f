/**
 * Messages that are not commands. Features register here: a visit summary typed as free text,
 * a monthly report without its trigger word, a location check-in, a file for a prospect's
 * research (the lists are built in commands/index.ts). Handlers are asked in order; the first
 * that returns true has answered. A handler
 * must not write anything before deciding to take the message.
 */
import type { ChatContext } from './context.js';
import type { NonTextMessage } from '../app/conversation.js';

/** Text that matched no command. Return true when the message was yours and you answered. */
export type FreeTextHandler = (ctx: ChatContext) => Promise<boolean>;


/** A non-text message in a direct chat (group attachments are not addressed to the bot). */
export type MessageTypeHandler = (ctx: ChatContext, message: NonTextMessage) => Promise<boolean>;

