import type { Conversation } from '../app/conversation.js';
import type { Mention } from './message.js';

/** What a chat command gets: who asked, what they said, and a way to answer in the same place. */
export interface ChatContext extends Conversation {
  /** The text after the command word. */
  args: string;
  mentions: Mention[];
  message: { id: string | null; chatId: string | null; chatType: 'p2p' | 'group' | 'card'; parentId: string | null };
}
