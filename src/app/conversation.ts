/**
 * What a use case that answers a person's message is handed: who wrote, what, in which
 * language, and a way to answer in the same place. The chat layer's context is one of these.
 */
import type { Tx } from '../../db/client.js';
import type { Locale } from '../domain/i18n.js';
import type { Member } from '../domain/roster.js';
import type { Deps } from './deps.js';
import type { MessageBody, Subject } from './outbox.js';

export interface Conversation {
  deps: Deps;
  tx: Tx;
  now: Date;
  member: Member;
  locale: Locale;
  /** The whole text, for use cases that parse it themselves. */
  text: string;
  /**
   * Answers where the message came from. `private`: the answer is for the asker alone (someone
   * else's requests, the team's reports); asked in a group, it goes to their direct chat and the
   * group is told so.
   */
  reply(body: MessageBody, o?: { subject?: Subject; private?: boolean }): Promise<void>;
}

/** An image, file or location sent in a direct chat (group attachments are not addressed to the bot). */
export interface NonTextMessage {
  messageId: string;
  type: string;
  /** The parsed `content` JSON of the message (image_key, file_key, location name…). */
  content: Record<string, unknown>;
}
