import type { Tx } from '../../db/client.js';
import type { Deps } from '../app/deps.js';
import type { Member } from '../domain/roster.js';
import type { Locale } from '../domain/i18n.js';
import type { Mention } from './message.js';
import type { MessageBody, Subject } from '../app/outbox.js';

/** What a chat command gets: who asked, what they said, and a way to answer in the same place. */
export interface ChatContext {
  deps: Deps;
  tx: Tx;
  now: Date;
  member: Member;
  locale: Locale;
  /** The text after the command word. */
  args: string;
  /** The whole text, for commands that parse it themselves. */
  text: string;
  mentions: Mention[];
  message: { id: string | null; chatId: string | null; chatType: 'p2p' | 'group' | 'card'; parentId: string | null };
  /**
   * Answers where the message came from. `private`: the answer is for the asker alone (someone
   * else's requests, the team's reports); asked in a group, it goes to their direct chat and the
   * group is told so.
   */
  reply(body: MessageBody, o?: { subject?: Subject; private?: boolean }): Promise<void>;
}
