/** The roster as a card: members grouped by role, with their reviewer. */
import { i18n, type I18nText } from '../src/domain/i18n.js';
import { card, md, note, type Card } from './kit.js';

export interface TeamRow {
  name: string;
  roleLabel: I18nText;
  managerName: string | null;
  active: boolean;
}

/** Rows listed; the rest are counted (a line costs ~200 bytes with both languages). */
const MAX_ROWS = 100;

export function teamCard(rows: TeamRow[]): Card {
  const shown = rows.slice(0, MAX_ROWS);
  const line = (r: TeamRow, lang: 'zh_cn' | 'en_us') => {
    const reviewer = r.managerName ? (lang === 'zh_cn' ? ` · 上级 ${r.managerName}` : ` · reports to ${r.managerName}`) : '';
    const inactive = r.active ? '' : lang === 'zh_cn' ? ' · <font color=\'grey\'>已停用</font>' : " · <font color='grey'>inactive</font>";
    return `- **${r.name}**　${r.roleLabel[lang]}${reviewer}${inactive}`;
  };
  const elements = [
    md({ zh_cn: shown.map((r) => line(r, 'zh_cn')).join('\n') || '（暂无成员）', en_us: shown.map((r) => line(r, 'en_us')).join('\n') || '(no members yet)' }),
  ];
  if (rows.length > MAX_ROWS) elements.push(note(i18n(`另有 ${rows.length - MAX_ROWS} 人未显示`, `${rows.length - MAX_ROWS} more not shown`)));
  return card({
    title: i18n('大客户部成员', 'Key-account team'),
    subtitle: i18n(`共 ${rows.filter((r) => r.active).length} 人在岗`, `${rows.filter((r) => r.active).length} active`),
    template: 'turquoise',
    elements,
  });
}
