/** Reading card form values: text boxes, pickers and amounts, each refused with its label named. */
import { DomainError } from '../../domain/errors.js';
import { i18n, type I18nText } from '../../domain/i18n.js';
import { parseYuan } from '../../domain/money.js';
import { parseDatePhrase } from '../../domain/parse/dates.js';
import { zonedTime } from '../../domain/time.js';

export const bad = (label: I18nText, zh: string, en: string): DomainError => new DomainError('VALIDATION', i18n(`「${label.zh_cn}」${zh}`, `${label.en_us}: ${en}`));

export function text(values: Record<string, unknown>, name: string, label: I18nText, max: number, required = false): string | null {
  const raw = values[name];
  const s = raw === undefined || raw === null ? '' : String(raw).trim();
  if (!s) {
    if (required) throw bad(label, '不能为空', 'is required');
    return null;
  }
  if ([...s].length > max) throw bad(label, `最多 ${max} 个字`, `at most ${max} characters`);
  return s;
}

export function list(values: Record<string, unknown>, name: string): string[] {
  const v = values[name];
  return Array.isArray(v) ? v.map(String) : v ? [String(v)] : [];
}

/** Integer fen from a yuan box; blank is null. */
export function money(values: Record<string, unknown>, name: string, label: I18nText): number | null {
  const s = text(values, name, label, 30);
  if (s === null) return null;
  const fen = parseYuan(s);
  if (fen === null || fen < 0) throw bad(label, '不是有效金额，例如 3000 或 1.2万', 'is not an amount, e.g. 3000');
  return fen;
}

/**
 * A date-time picker value ("2026-12-03 14:30 +0800": the reader's offset), or what a person
 * types in a box ("2026-12-03 14:30", "下周三下午两点"): the typed forms are read in the company zone.
 */
export function dateTime(values: Record<string, unknown>, name: string, label: I18nText, o: { now: Date; timeZone: string; required?: boolean; direction?: 'past' | 'future' }): Date | null {
  const s = text(values, name, label, 60, o.required);
  if (s === null) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{1,2}):(\d{2}))?(?:\s*([+-])(\d{2}):?(\d{2}))?$/.exec(s);
  if (m) {
    const [y, mo, d, h, mi] = [1, 2, 3, 4, 5].map((i) => Number(m[i] ?? 0)) as [number, number, number, number, number];
    const probe = new Date(Date.UTC(y, mo - 1, d));
    if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59) throw bad(label, '日期无效', 'is not a valid date');
    if (m[6]) {
      const offset = (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8])) * 60_000;
      return new Date(Date.UTC(y, mo - 1, d, h, mi) - offset);
    }
    return zonedTime(o.timeZone, y, mo, d, h, mi);
  }
  const phrase = parseDatePhrase(s, o.now, o.timeZone, { direction: o.direction ?? 'future' });
  if (!phrase) throw bad(label, '看不懂这个时间，请写成 2026-12-03 14:30 或「下周三下午两点」', 'is not a date I can read; write 2026-12-03 14:30');
  return phrase.at;
}

/** "12-02", "2026-12-02", "12月2日" → 'YYYY-MM-DD' (the next such day). */
export function day(values: Record<string, unknown>, name: string, label: I18nText, now: Date, timeZone: string): string | null {
  const s = text(values, name, label, 20);
  if (s === null) return null;
  const full = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(s);
  const short = /^(\d{1,2})[-/.](\d{1,2})$/.exec(s);
  if (full || short) {
    const [y, mo, d] = full ? [Number(full[1]), Number(full[2]), Number(full[3])] : [null, Number(short![1]), Number(short![2])];
    const year = y ?? Number(new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric' }).format(now));
    const probe = new Date(Date.UTC(year, mo - 1, d));
    if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d) throw bad(label, '日期无效', 'is not a valid date');
    return `${year}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  const phrase = parseDatePhrase(s, now, timeZone);
  if (!phrase) throw bad(label, '日期无效，请写成 12-02', 'is not a valid date, e.g. 12-02');
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(phrase.at);
}
