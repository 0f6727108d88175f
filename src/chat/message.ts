/**
 * Turns a received message into plain text plus the people it @-mentions (lark.md §2.2): text
 * carries `@_user_N` placeholders resolved through `mentions[]`; post content may or may not
 * be wrapped in a locale key.
 */
import type { PostBody, ReceivedMessage } from '../lark/envelope.js';

export interface Mention {
  openId: string;
  name: string;
}

export interface IncomingText {
  /** The text with mentions of the bot removed and other mentions written as @name. */
  text: string;
  /** People mentioned, in order of appearance, without the bot. */
  mentions: Mention[];
  botMentioned: boolean;
}

function postToText(post: PostBody): string {
  const lines = (post.content ?? []).map((line) =>
    line
      .map((n) => {
        if (n.tag === 'text' || n.tag === 'a' || n.tag === 'code_block') return n.text ?? '';
        if (n.tag === 'at') return n.user_id ?? '';
        return '';
      })
      .join(''),
  );
  return [post.title ?? '', ...lines].filter((l) => l.trim() !== '').join('\n');
}

/** Reads the content the gateway parsed (`content()` parses on first use, once per message). */
export function extractText(e: Pick<ReceivedMessage, 'message' | 'content'>, botOpenId: string | null): IncomingText | null {
  const { message } = e;
  if (message.message_type !== 'text' && message.message_type !== 'post') return null;
  // Checked against its type's shape by parseMessageContent: a text's { text }, a post's body.
  const content = e.content();
  if (!content) return null;
  let text = message.message_type === 'text' ? (content as { text: string }).text : postToText(content as PostBody);

  const mentions: Mention[] = [];
  let botMentioned = false;
  const byKey = new Map((message.mentions ?? []).map((m) => [m.key, m]));
  // Longest keys first so "@_user_10" is not read as "@_user_1" followed by "0".
  const keys = [...byKey.keys()].sort((a, b) => b.length - a.length);
  if (keys.length) {
    const pattern = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
    text = text.replace(pattern, (key) => {
      const m = byKey.get(key)!;
      const openId = m.id.open_id ?? '';
      if ((botOpenId && openId === botOpenId) || (!botOpenId && !openId)) {
        botMentioned = true;
        return ' ';
      }
      mentions.push({ openId, name: m.name ?? openId });
      return ` @${m.name ?? openId} `;
    });
  }
  return { text: text.replace(/[ \t\u3000]+/g, ' ').trim(), mentions, botMentioned };
}

/** The text with each @name taken out, for commands that read names from the mentions instead. */
export function withoutMentions(text: string, mentions: readonly Mention[]): string {
  let out = text;
  for (const m of mentions) out = out.split(`@${m.name}`).join(' ');
  return out;
}
