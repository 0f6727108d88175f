/**
 * The lark_md subset the bot's cards use, rendered to safe HTML: everything is escaped first,
 * then only known constructs are turned back into markup (bold, italic, strike, links, code,
 * <font color>, <at id>, <text_tag>, lists, headings, line breaks, backslash escapes).
 */
import { esc } from './dom.js';

/** Feishu's named colours (as text colours). */
const COLORS: Record<string, string> = {
  grey: '#8f959e', gray: '#8f959e', red: '#f54a45', green: '#2ea121', blue: '#3370ff', orange: '#ff8800',
  yellow: '#d99904', purple: '#7f3bf5', violet: '#a249f0', carmine: '#e33d7a', indigo: '#4954e6',
  wathet: '#1e9be8', turquoise: '#07b0a2', lime: '#8fb000', neutral: '#646a73', default: '#1f2329',
};

export const colorOf = (name: string): string => COLORS[name] ?? (/^(rgba?\([\d\s.,%]+\)|[a-z]+)$/i.test(name) ? name : '#1f2329');

const Q = `(?:&#39;|&quot;)?`;

function inline(src: string, nameOf: (openId: string) => string): string {
  const escaped: string[] = [];
  let s = src.replace(/\\([\\*_~`[\]<>()#-])/g, (_m, c: string) => `\uE000${escaped.push(c) - 1}\uE001`);
  s = esc(s);
  const codes: string[] = [];
  s = s.replace(/`([^`\n]+)`/g, (_m, c: string) => `\uE002${codes.push(c) - 1}\uE003`);
  s = s.replace(new RegExp(`&lt;at (?:id|user_id)=${Q}([\\w-]+)${Q}&gt;(?:[^&]*)&lt;/at&gt;`, 'g'), (_m, id: string) =>
    `<span class="at">@${esc(id === 'all' ? '所有人' : nameOf(id))}</span>`,
  );
  s = s.replace(new RegExp(`&lt;text_tag color=${Q}([\\w-]+)${Q}&gt;(.*?)&lt;/text_tag&gt;`, 'g'), (_m, c: string, t: string) =>
    `<span class="tag" style="color:${colorOf(c)}">${t}</span>`,
  );
  let open = 0;
  s = s.replace(new RegExp(`&lt;font color=${Q}([\\w(),.\\s%-]+?)${Q}&gt;|&lt;/font&gt;`, 'g'), (m, c: string | undefined) => {
    if (c !== undefined) {
      open++;
      return `<span style="color:${colorOf(c.trim())}">`;
    }
    if (!open) return m;
    open--;
    return '</span>';
  });
  s = s.replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, '<a href="$2" target="_blank" rel="noopener">$1</a>');
  s = s.replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>');
  s = s.replace(/~~(.+?)~~/g, '<del>$1</del>');
  s = s.replace(/(^|[^*\w])\*([^*\n]+?)\*(?!\*)/g, '$1<em>$2</em>');
  s = s.replace(/&lt;br\s*\/?&gt;/g, '<br>');
  s += '</span>'.repeat(open);
  s = s.replace(/\uE002(\d+)\uE003/g, (_m, i: string) => `<code>${codes[Number(i)]}</code>`);
  return s.replace(/\uE000(\d+)\uE001/g, (_m, i: string) => esc(escaped[Number(i)] ?? ''));
}

export function renderMarkdown(src: string, nameOf: (openId: string) => string = (id) => id): string {
  const out: string[] = [];
  let list: { tag: 'ul' | 'ol'; items: string[] } | null = null;
  let para: string[] = [];
  const flushPara = () => {
    if (para.length) out.push(`<p>${para.join('<br>')}</p>`);
    para = [];
  };
  const flushList = () => {
    if (list) out.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`);
    list = null;
  };
  for (const line of src.split('\n')) {
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(line);
    const numbered = /^\s*\d+[.)]\s+(.*)$/.exec(line);
    const heading = /^(#{1,4})\s+(.*)$/.exec(line);
    if (bullet || numbered) {
      flushPara();
      const tag = bullet ? 'ul' : 'ol';
      if (list && list.tag !== tag) flushList();
      list ??= { tag, items: [] };
      list.items.push(inline((bullet ?? numbered)![1]!, nameOf));
    } else if (heading) {
      flushPara();
      flushList();
      out.push(`<h${heading[1]!.length}>${inline(heading[2]!, nameOf)}</h${heading[1]!.length}>`);
    } else if (/^\s*(---+|\*\*\*+)\s*$/.test(line)) {
      flushPara();
      flushList();
      out.push('<hr>');
    } else {
      flushList();
      para.push(inline(line, nameOf));
    }
  }
  flushPara();
  flushList();
  return out.join('');
}
