/**
 * The help card: what the asker's role can do, each line with what to type (as code, exactly
 * as the bot understands it) and one-tap buttons for the commands that need no arguments.
 */
import { i18n, type I18nText, type Locale } from '../src/domain/i18n.js';
import { button, buttonRow, card, hr, md, note, type Card } from './kit.js';

export interface HelpItem {
  name: string;
  title: I18nText;
  usage: I18nText;
  examples: { zh_cn: readonly string[]; en_us: readonly string[] };
  button: boolean;
}

export interface HelpView {
  name: string;
  roleLabel: I18nText;
  items: HelpItem[];
  /** What the bot does for this role without being asked (the assistant hears of every check-in…). */
  roleNote?: I18nText | null;
}

/** One help line: **title**　`example` `example`　what it does. */
const helpLine = (it: Pick<HelpItem, 'title' | 'usage' | 'examples'>, lang: Locale): string =>
  [`**${it.title[lang]}**`, it.examples[lang].map((e) => `\`${e}\``).join(' '), it.usage[lang]].filter(Boolean).join('　');

export function helpCard(v: HelpView): Card {
  const lines = (lang: Locale) => v.items.map((it) => helpLine(it, lang)).join('\n');
  const buttons = v.items.filter((it) => it.button).map((it) => button({ text: it.title, value: { k: 'chat.run', c: it.name } }));
  return card({
    title: i18n('大客户助手 · 使用说明', 'Key-account assistant · Help'),
    subtitle: i18n(`${v.name} · ${v.roleLabel.zh_cn}`, `${v.name} · ${v.roleLabel.en_us}`),
    template: 'blue',
    summary: i18n('使用说明', 'Help'),
    elements: [
      md(i18n('直接发消息给我即可，命令前的 / 可省略。', 'Just message me; the leading / is optional.')),
      ...(v.roleNote ? [md(v.roleNote)] : []),
      md({ zh_cn: lines('zh_cn'), en_us: lines('en_us') }),
      ...(buttons.length ? [hr(), buttonRow(buttons)] : []),
      note(i18n('发送「English」切换为英文回复，发送「中文」切回中文。', 'Send "中文" to switch replies to Chinese, "English" to switch back.')),
    ],
  });
}
