/**
 * The fill-in template of a report: one message, how to fill it first and the template below.
 * Two messages could arrive the wrong way round (a retried send lands after the next one); a
 * copy of the whole message comes back without the instruction (src/chat/copied-template.ts).
 */

import { i18n, pick, type I18nText, type Locale } from '../../domain/i18n.js';
import { TEMPLATES, TEMPLATE_HINTS, type ReportIntent } from '../../domain/parse/templates.js';
import { enqueueSend, type OutboxTx } from '../outbox.js';

export async function sendTemplate(out: OutboxTx, openId: string, locale: Locale, intent: ReportIntent, lead?: I18nText): Promise<void> {
  const intro = lead ?? i18n('复制下面的模板，填好后发给我：', 'Copy the template below, fill it in and send it to me:');
  await enqueueSend(out, { openId }, { text: `${pick(intro, locale)}\n${pick(TEMPLATE_HINTS[intent], locale)}\n\n${pick(TEMPLATES[intent], locale)}` });
}
