/**
 * What the dashboard shows the same way in every language: shortened pseudonyms and the
 * typologies' colours. Everything worded or dated goes through the session's `I18n`.
 */
import { TYPOLOGY_ORDER } from '../i18n/index.js';

/** Pseudonyms are long hashes; the head and tail are enough to tell them apart on screen. */
export function shortPseudonym(pseudonym: string): string {
  return pseudonym.length > 12 ? `${pseudonym.slice(0, 6)}…${pseudonym.slice(-4)}` : pseudonym;
}

/** The typologies of the counters, the filter and the chart, in one fixed order. */
export const TYPOLOGY_CATALOGUE: readonly string[] = TYPOLOGY_ORDER.slice(0, 8);

/** Stable colour per typology for counters, chart and legend. */
export const TYPOLOGY_COLORS: Record<string, string> = {
  credit_to_real_estate: '#e5484d',
  credit_to_securities: '#f76b15',
  structuring: '#ffc53d',
  cycle: '#8e4ec6',
  rapid_pass_through: '#3e63dd',
  fan_in: '#12a594',
  fan_out: '#46a758',
  cross_border_split: '#d6409f',
};

export function typologyColor(typology: string): string {
  return TYPOLOGY_COLORS[typology] ?? '#8b8d98';
}

/** Marks used beside the colour of a decision, so it never rests on colour alone. */
export const DECISION_ICONS: Readonly<Record<string, string>> = {
  confirm: '✔', dismiss: '✖', request_info: '?', pending: '…',
};
