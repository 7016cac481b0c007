/**
 * Names of the codes institutions report about counterparties: GB/T 4754-2017 industry
 * sections and the divisions detection cares about, and ISO 18245 merchant category codes.
 * Reviewers should read "real estate", not "K". Codes not listed are shown as reported.
 */
import type { Locale } from './locale.js';

type Names = Readonly<Record<Locale, string>>;

/** GB/T 4754-2017 (国民经济行业分类): sections A–T and the finance and real-estate divisions. */
const SECTORS: Readonly<Record<string, Names>> = {
  A: { en: 'Agriculture, forestry, animal husbandry and fishery', 'zh-CN': '农、林、牧、渔业' },
  B: { en: 'Mining', 'zh-CN': '采矿业' },
  C: { en: 'Manufacturing', 'zh-CN': '制造业' },
  D: { en: 'Electricity, heat, gas and water supply', 'zh-CN': '电力、热力、燃气及水生产和供应业' },
  E: { en: 'Construction', 'zh-CN': '建筑业' },
  F: { en: 'Wholesale and retail trade', 'zh-CN': '批发和零售业' },
  G: { en: 'Transport, storage and postal services', 'zh-CN': '交通运输、仓储和邮政业' },
  H: { en: 'Accommodation and catering', 'zh-CN': '住宿和餐饮业' },
  I: { en: 'Information transmission, software and IT services', 'zh-CN': '信息传输、软件和信息技术服务业' },
  J: { en: 'Finance', 'zh-CN': '金融业' },
  J66: { en: 'Monetary and financial services', 'zh-CN': '货币金融服务' },
  J67: { en: 'Capital-market services', 'zh-CN': '资本市场服务' },
  J68: { en: 'Insurance', 'zh-CN': '保险业' },
  J69: { en: 'Other financial services', 'zh-CN': '其他金融业' },
  K: { en: 'Real estate', 'zh-CN': '房地产业' },
  K70: { en: 'Real estate', 'zh-CN': '房地产业' },
  L: { en: 'Leasing and business services', 'zh-CN': '租赁和商务服务业' },
  M: { en: 'Scientific research and technical services', 'zh-CN': '科学研究和技术服务业' },
  N: { en: 'Water, environment and public facilities management', 'zh-CN': '水利、环境和公共设施管理业' },
  O: { en: 'Resident, repair and other services', 'zh-CN': '居民服务、修理和其他服务业' },
  P: { en: 'Education', 'zh-CN': '教育' },
  Q: { en: 'Health and social work', 'zh-CN': '卫生和社会工作' },
  R: { en: 'Culture, sports and entertainment', 'zh-CN': '文化、体育和娱乐业' },
  S: { en: 'Public administration, social security and social organisations', 'zh-CN': '公共管理、社会保障和社会组织' },
  T: { en: 'International organisations', 'zh-CN': '国际组织' },
};

/** ISO 18245 merchant category codes seen in the reports, sensitive sectors first. */
const MCCS: Readonly<Record<string, Names>> = {
  '6513': { en: 'Real estate agents and managers', 'zh-CN': '房地产经纪与管理' },
  '6211': { en: 'Securities brokers and dealers', 'zh-CN': '证券经纪与交易商' },
  '6012': { en: 'Financial institutions (merchandise and services)', 'zh-CN': '金融机构（商品与服务）' },
  '6051': { en: 'Quasi-cash and digital currency', 'zh-CN': '准现金及数字货币' },
  '7995': { en: 'Betting and gambling', 'zh-CN': '博彩' },
  '1520': { en: 'General contractors, residential and commercial', 'zh-CN': '住宅及商业建筑总承包' },
  '5411': { en: 'Grocery stores and supermarkets', 'zh-CN': '食品杂货店及超市' },
  '5812': { en: 'Restaurants', 'zh-CN': '餐馆' },
  '5999': { en: 'Miscellaneous retail', 'zh-CN': '其他零售' },
  '4111': { en: 'Local and suburban commuter transport', 'zh-CN': '市内及近郊通勤交通' },
  '5311': { en: 'Department stores', 'zh-CN': '百货商店' },
  '5732': { en: 'Electronics stores', 'zh-CN': '电子产品商店' },
  '7011': { en: 'Hotels and lodging', 'zh-CN': '酒店住宿' },
};

/** `K` → `Real estate`; a division falls back to its section (`K72` → real estate). */
export function sectorName(code: string, locale: Locale): string | undefined {
  const upper = code.toUpperCase();
  return (SECTORS[upper] ?? SECTORS[upper.charAt(0)])?.[locale];
}

export function mccName(code: string, locale: Locale): string | undefined {
  return MCCS[code]?.[locale];
}
