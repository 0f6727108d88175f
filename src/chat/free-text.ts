/**
 * Messages that are not commands. Features register here: a visit summary typed as free text,
 * a monthly report without its trigger word, a location check-in, a file for a prospect's
 * research (the lists are built in commands/index.ts). Handlers are asked in order; the first
 * that returns true has answered. A handler
 * must not write anything before deciding to take the message.
 */
import type { ChatContext } from './context.js';
import type { NonTextMessage } from '../app/conversation.js';
import { detectIntent, type ReportIntent } from '../domain/parse/templates.js';
import type { VisitRecordDraft } from '../domain/parse/visit-record.js';

/**
 * What reading a message's text learned, shared by the handlers asked in turn and the fallback
 * after them, so none reads it again: its trigger, and — once a handler needed it — the text
 * read as a visit record (whether it looks like one does not depend on the names offered).
 */
export interface TextReading {
  readonly intent: ReportIntent | null;
  visitDraft?: VisitRecordDraft;
}

export const readText = (text: string): TextReading => ({ intent: detectIntent(text) });

/** Text that matched no command. Return true when the message was yours and you answered. */
export type FreeTextHandler = (ctx: ChatContext, reading: TextReading) => Promise<boolean>;


/** A non-text message in a direct chat (group attachments are not addressed to the bot). */
export type MessageTypeHandler = (ctx: ChatContext, message: NonTextMessage) => Promise<boolean>;

