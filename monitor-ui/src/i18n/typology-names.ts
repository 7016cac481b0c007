/**
 * The typologies' names in both languages: one vocabulary for the dashboards and the quarterly
 * report, so a reviewer reads the same name on the screen and on paper. Ids are those of
 * INTERFACES.md, including the typologies still being built; an unknown id is shown as itself.
 */
import type { Locale } from './locale.js';

export const TYPOLOGY_NAMES: Readonly<Record<string, Readonly<Record<Locale, string>>>> = {
  credit_to_real_estate: { en: 'Credit funds into real estate', 'zh-CN': '信贷资金违规流入房地产' },
  credit_to_securities: { en: 'Credit funds into securities', 'zh-CN': '信贷资金违规流入证券市场' },
  structuring: { en: 'Cash structuring', 'zh-CN': '拆分现金交易' },
  cycle: { en: 'Circular transfers', 'zh-CN': '资金循环转账' },
  rapid_pass_through: { en: 'Rapid pass-through', 'zh-CN': '资金快进快出' },
  fan_in: { en: 'Fan-in (many payers, one payee)', 'zh-CN': '多对一集中转入' },
  fan_out: { en: 'Fan-out (one payer, many payees)', 'zh-CN': '一对多分散转出' },
  cross_border_split: { en: 'Split cross-border remittances', 'zh-CN': '拆分跨境汇款' },
  scatter_gather: { en: 'Scatter–gather', 'zh-CN': '分散转出后归集' },
  gather_scatter: { en: 'Gather–scatter', 'zh-CN': '归集后分散转出' },
  layering_chain: { en: 'Layering chain', 'zh-CN': '多层链式转移' },
  bipartite_flow: { en: 'Dense flows between two groups', 'zh-CN': '两组账户间密集往来' },
  behaviour_anomaly: { en: 'Unusual account behaviour', 'zh-CN': '账户行为异常' },
  cross_border_anomaly: { en: 'Unusual cross-border activity', 'zh-CN': '跨境交易异常' },
  data_integrity: { en: 'Stored data differ from their anchors', 'zh-CN': '存储数据与链上锚定不符' },
  indicator_breach: { en: 'Risk indicator over its threshold', 'zh-CN': '风险指标超过阈值' },
};

/** The typologies in the order every list, counter and legend shows them. */
export const TYPOLOGY_ORDER: readonly string[] = Object.keys(TYPOLOGY_NAMES);

/** `credit_to_real_estate` → `Credit funds into real estate` / `信贷资金违规流入房地产`. */
export function typologyName(id: string, locale: Locale): string {
  return TYPOLOGY_NAMES[id]?.[locale] ?? id;
}
