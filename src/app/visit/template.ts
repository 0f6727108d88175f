/**
 * The fill-in template of a report, sent as its own message so it can be copied whole, after a
 * line saying how to fill it (the hint is never part of the copied text).
 */
import type { Q } from '../../../db/client.js';
import { i18n, pick, type I18nText, type Locale } from '../../domain/i18n.js';
import { TEMPLATES, TEMPLATE_HINTS, type ReportIntent } from '../../domain/parse/templates.js';
import { enqueueSend } from '../../lark/outbox.js';

export async function sendTemplate(q: Q, openId: string, locale: Locale, intent: ReportIntent, lead?: I18nText): Promise<void> {
  const intro = lead ?? i18n('复制下面的模板，填好后发给我：', 'Copy the template below, fill it in and send it to me:');
  await enqueueSend(q, { openId }, { text: `${pick(intro, locale)}\n${pick(TEMPLATE_HINTS[intent], locale)}` });
  await enqueueSend(q, { openId }, { text: pick(TEMPLATES[intent], locale) });
}
