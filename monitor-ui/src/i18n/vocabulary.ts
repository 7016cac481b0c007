/**
 * The platform's enumerations in both languages: severities, case statuses, decisions, roles,
 * departments, record types and evidence roles. Ids stay the contract's; only labels change.
 */
import type { Locale } from './locale.js';

type Table = Readonly<Record<string, Readonly<Record<Locale, string>>>>;

export const SEVERITIES: Table = {
  critical: { en: 'Critical', 'zh-CN': '严重' },
  high: { en: 'High', 'zh-CN': '高' },
  medium: { en: 'Medium', 'zh-CN': '中' },
  low: { en: 'Low', 'zh-CN': '低' },
};

export const CASE_STATUSES: Table = {
  open: { en: 'Open', 'zh-CN': '审议中' },
  confirmed: { en: 'Confirmed', 'zh-CN': '已确认' },
  dismissed: { en: 'Dismissed', 'zh-CN': '已排除' },
  escalated: { en: 'Escalated', 'zh-CN': '已升级' },
};

export const DECISIONS: Table = {
  confirm: { en: 'Confirmed', 'zh-CN': '确认' },
  dismiss: { en: 'Dismissed', 'zh-CN': '排除' },
  request_info: { en: 'Requested information', 'zh-CN': '要求补充信息' },
  pending: { en: 'Awaiting decision', 'zh-CN': '待决定' },
};

export const ROLES: Table = {
  analyst: { en: 'analyst', 'zh-CN': '分析员' },
  reviewer: { en: 'reviewer', 'zh-CN': '审核员' },
  auditor: { en: 'auditor', 'zh-CN': '审计员' },
  admin: { en: 'administrator', 'zh-CN': '管理员' },
};

export const DEPARTMENTS: Table = {
  PBOC: { en: "People's Bank of China", 'zh-CN': '中国人民银行' },
  NFRA: { en: 'National Financial Regulatory Administration', 'zh-CN': '国家金融监督管理总局' },
  SAMR: { en: 'State Administration for Market Regulation', 'zh-CN': '国家市场监督管理总局' },
  CAC: { en: 'Cyberspace Administration of China', 'zh-CN': '国家互联网信息办公室' },
  SAFE: { en: 'State Administration of Foreign Exchange', 'zh-CN': '国家外汇管理局' },
};

export const RECORD_TYPES: Table = {
  loan_disbursement: { en: 'loan disbursement', 'zh-CN': '贷款发放' },
  repayment: { en: 'repayment', 'zh-CN': '还款' },
  transfer: { en: 'transfer', 'zh-CN': '转账' },
  payment: { en: 'payment', 'zh-CN': '支付' },
  cash_deposit: { en: 'cash deposit', 'zh-CN': '现金存入' },
  cash_withdrawal: { en: 'cash withdrawal', 'zh-CN': '现金支取' },
  cross_border_out: { en: 'outward remittance', 'zh-CN': '跨境汇出' },
  cross_border_in: { en: 'inward remittance', 'zh-CN': '跨境汇入' },
};

export const EVIDENCE_ROLES: Table = {
  loan: { en: 'loan', 'zh-CN': '贷款' },
  hop: { en: 'hop', 'zh-CN': '中间划转' },
  sensitive_payment: { en: 'sensitive-sector payment', 'zh-CN': '敏感领域支付' },
  cash: { en: 'cash', 'zh-CN': '现金' },
  transfer: { en: 'transfer', 'zh-CN': '转账' },
  remittance: { en: 'remittance', 'zh-CN': '汇款' },
};

/** The label of `id` in `table`, or the id itself (with spaces) when the table lacks it. */
export function labelOf(table: Table, id: string, locale: Locale): string {
  return table[id]?.[locale] ?? id.replace(/_/g, ' ');
}
