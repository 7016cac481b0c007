/**
 * Which language the dashboards speak: the user's explicit choice (kept in `localStorage`),
 * else the browser's preferred languages, else Simplified Chinese — the regulators' own.
 */
export type Locale = 'zh-CN' | 'en';

export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];

const STORAGE_KEY = 'suptech.locale';

/** The locale for a list of BCP 47 tags in preference order (`navigator.languages`). */
export function localeOfLanguages(languages: readonly string[]): Locale {
  for (const tag of languages) {
    const lower = tag.toLowerCase();
    // Traditional-script tags still read Chinese better than English.
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
  }
  return 'zh-CN';
}

export function isLocale(value: unknown): value is Locale {
  return value === 'zh-CN' || value === 'en';
}

/** The stored choice, if the user made one. */
export function storedLocale(storage: Pick<Storage, 'getItem'> = localStorage): Locale | undefined {
  const value = storage.getItem(STORAGE_KEY);
  return isLocale(value) ? value : undefined;
}

export function storeLocale(locale: Locale, storage: Pick<Storage, 'setItem'> = localStorage): void {
  storage.setItem(STORAGE_KEY, locale);
}

/** The locale to start with: the stored choice, or the browser's languages. */
export function initialLocale(): Locale {
  return storedLocale() ?? localeOfLanguages(navigator.languages.length ? navigator.languages : [navigator.language]);
}
