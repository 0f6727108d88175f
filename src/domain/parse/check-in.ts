/** A travel check-in typed as text (行踪报备, domain.md §3.4): `报备 上海浦东`. */
import { normalizeText, stripLeadingMentions } from './text.js';

const CHECK_IN_WORD = /^(?:行踪报备|报备|到达|check[\s-]?in)[\s:：,，]*/iu;

export interface CheckInDraft {
  place: string | null;
}

export function parseCheckIn(text: string): CheckInDraft {
  const body = stripLeadingMentions(normalizeText(text)).trim().replace(CHECK_IN_WORD, '').trim();
  return { place: body || null };
}
