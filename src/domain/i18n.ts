/** The product speaks Chinese first and English second; every user-facing string carries both. */
export type Locale = 'zh_cn' | 'en_us';

export interface I18nText {
  zh_cn: string;
  en_us: string;
}

export const i18n = (zh_cn: string, en_us: string): I18nText => ({ zh_cn, en_us });

/** Picks the user's language, falling back to Chinese (the department's working language). */
export const pick = (text: I18nText, locale: Locale | null | undefined): string =>
  locale === 'en_us' ? text.en_us : text.zh_cn;

/** Maps whatever Lark or a roster file says ("en", "en-US", "zh_CN"…) to one of ours. */
export function toLocale(v: string | null | undefined): Locale {
  return v && /^en/i.test(v) ? 'en_us' : 'zh_cn';
}
