/**
 * A travel check-in typed as text (行踪报备, domain.md §3.4): `报备 上海浦东`, `到达 南京南站`,
 * `报备 我到杭州了，今天拜访华能`, `check-in: arrived in Chengdu`. The place is what follows the
 * command word, without the "I have arrived" around it and without what the traveller adds
 * about the rest of the day.
 */
import { normalizeText, stripLeadingMentions } from './text.js';

const CHECK_IN_WORD = /^\/?(?:行踪报备|报备|報備|到达|check[\s-]?in)[\s:：,，。.]*/iu;
const ARRIVED = /^(?:我|本人)?(?:已经|已|刚刚?|刚才|现在|目前|今天|今晚)?(?:已经|已)?(?:到达|抵达|到了|到|在)(?!达)/u;
const EN_ARRIVED = /^(?:i\s+)?(?:have\s+|just\s+)?(?:arrived|am|landed)\s+(?:in|at)\s+/iu;
// What comes after the place: the day's plan, the hotel, how long.
const AFTER_PLACE = /^(?:明天|今天|后天|下午|上午|晚上|住|入住|准备|回|去|拜访|出差|visiting|then|tomorrow|staying|for\b)/iu;

export interface CheckInDraft {
  place: string | null;
}

export function parseCheckIn(text: string): CheckInDraft {
  let body = stripLeadingMentions(normalizeText(text)).trim().replace(CHECK_IN_WORD, '').trim();
  body = body.replace(ARRIVED, '').replace(EN_ARRIVED, '');
  // The place ends at a clause break, or at a space before the rest of the day's news.
  body = body.split(/[，,。；;！!\n]/u)[0]!;
  const words = body.split(/\s+/u);
  const cut = words.findIndex((w, i) => i > 0 && AFTER_PLACE.test(w));
  if (cut > 0) body = words.slice(0, cut).join(' ');
  body = body.replace(/了$/u, '').replace(/[.。]+$/u, '').trim();
  return { place: body || null };
}
