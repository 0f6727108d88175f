/**
 * How a chat message's content reads: text with its @-mentions named, a one-line snippet for
 * quotes, a rich-text post.
 */
import { h } from './dom.js';
import { renderMarkdown } from './markdown.js';
import type { Lang, MessageView } from './types.js';

type NameOf = (openId: string) => string;

export function textWithMentions(m: MessageView, nameOf: NameOf): string {
  const text = String((m.content as { text?: unknown })?.text ?? '');
  return m.mentions.reduce((s, x) => s.split(x.key).join(`@${x.name}`), text).replace(/<at user_id="([^"]+)">([^<]*)<\/at>/g, (_m, id: string, n: string) => `@${n || nameOf(id)}`);
}

export function snippet(m: MessageView, lang: Lang, nameOf: NameOf): string {
  if (m.msgType === 'text') return textWithMentions(m, nameOf).slice(0, 60);
  if (m.msgType === 'interactive') {
    const c = m.content as { header?: { title?: { content?: string; i18n_content?: Record<string, string> } } };
    return `[${(lang === 'en_us' ? 'Card' : '卡片')}] ${c.header?.title?.i18n_content?.[lang] ?? c.header?.title?.content ?? ''}`;
  }
  if (m.msgType === 'file') return `[${lang === 'en_us' ? 'File' : '文件'}] ${m.file?.name ?? ''}`;
  return `[${m.msgType}]`;
}

export function renderPost(content: unknown, lang: Lang, nameOf: NameOf): HTMLElement {
  const c = content as Record<string, unknown>;
  const post = (Array.isArray(c.content) ? c : (c[lang] ?? c.zh_cn ?? c.en_us ?? Object.values(c)[0] ?? {})) as { title?: string; content?: { tag?: string; text?: string; href?: string; user_id?: string }[][] };
  const lines = (post.content ?? []).map((line) => line.map((n) => (n.tag === 'a' ? `[${n.text ?? ''}](${n.href ?? ''})` : n.tag === 'at' ? `<at id=${n.user_id ?? ''}></at>` : (n.text ?? ''))).join(''));
  return h('div', { class: 'bubble md', html: `${post.title ? `<strong>${post.title.replace(/</g, '&lt;')}</strong><br>` : ''}${renderMarkdown(lines.join('\n'), nameOf)}` });
}
