/** The help card: what the asker's role can do, with one-tap buttons for argument-free commands. */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { button, buttonRow, card, hr, md, note, type Card } from './kit.js';

export interface HelpItem {
  name: string;
  title: I18nText;
  usage: I18nText;
  button: boolean;
}

export interface HelpView {
  name: string;
  roleLabel: I18nText;
  items: HelpItem[];
}

export function helpCard(v: HelpView): Card {
  const lines = (lang: 'zh_cn' | 'en_us') => v.items.map((it) => `**${it.title[lang]}**　${it.usage[lang]}`).join('\n');
  const buttons = v.items.filter((it) => it.button).map((it) => button({ text: it.title, value: { k: 'chat.run', c: it.name } }));
  return card({
    title: i18n('大客户助手 · 使用说明', 'Key-account assistant · Help'),
    subtitle: i18n(`${v.name} · ${v.roleLabel.zh_cn}`, `${v.name} · ${v.roleLabel.en_us}`),
    template: 'blue',
    summary: i18n('使用说明', 'Help'),
    elements: [
      md(i18n('直接发消息给我即可，命令前的 / 可省略。', 'Just message me; the leading / is optional.')),
      md({ zh_cn: lines('zh_cn'), en_us: lines('en_us') }),
      ...(buttons.length ? [hr(), buttonRow(buttons)] : []),
      note(i18n('发送「English」切换为英文回复，发送「中文」切回中文。', 'Send "中文" to switch replies to Chinese, "English" to switch back.')),
    ],
  });
}
