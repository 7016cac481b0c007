/** The dashboards' languages: catalogs, vocabularies, formatters and the locale choice. */
export { createI18n, DEFAULT_TIME_ZONE, type I18n, type I18nOptions } from './i18n.js';
export { initialLocale, isLocale, localeOfLanguages, LOCALES, storeLocale, storedLocale, type Locale } from './locale.js';
export { en, type Messages } from './messages-en.js';
export { zhCN } from './messages-zh-cn.js';
export { TYPOLOGY_NAMES, TYPOLOGY_ORDER, typologyName } from './typology-names.js';
export { mccName, sectorName } from './industry-codes.js';
