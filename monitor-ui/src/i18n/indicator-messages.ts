/** The indicators page's catalog for a locale. */
import type { Locale } from './locale.js';
import { indicatorMessagesEn, type IndicatorMessages } from './indicator-messages-en.js';
import { indicatorMessagesZhCn } from './indicator-messages-zh-cn.js';

export type { IndicatorMessages };

export function indicatorMessages(locale: Locale): IndicatorMessages {
  return locale === 'en' ? indicatorMessagesEn : indicatorMessagesZhCn;
}
