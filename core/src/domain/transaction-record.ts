/**
 * The transaction record as a reporting institution sends it (see shared INTERFACES.md),
 * and the stored form after validation and pseudonymization.
 */
export const TRANSACTION_TYPES = [
  'loan_disbursement', 'repayment', 'transfer', 'payment',
  'cash_deposit', 'cash_withdrawal', 'cross_border_out', 'cross_border_in',
] as const;
export type TransactionType = (typeof TRANSACTION_TYPES)[number];

export const LOAN_PURPOSES = ['consumer', 'business', 'mortgage'] as const;
export type LoanPurpose = (typeof LOAN_PURPOSES)[number];

/** A record exactly as received (after JSON parsing), before validation. */
export interface IncomingTransactionRecord {
  txId: string;
  institution: string;
  ts: string;
  type: TransactionType;
  from: string;
  to: string;
  amount: string | number;
  currency?: string;
  loanPurpose?: LoanPurpose;
  fromSector?: string;
  toSector?: string;
  toMcc?: string;
  toCountry?: string;
}

/**
 * A validated record in its stored, pseudonymized form. `from`/`to` are pseudonyms
 * (keyed HMAC), `amount` is a canonical decimal string with two decimals and `ts` is
 * normalized to UTC with millisecond precision. The record hash is computed over this form.
 */
export interface StoredTransactionRecord {
  txId: string;
  institution: string;
  ts: string;
  type: TransactionType;
  from: string;
  to: string;
  amount: string;
  currency: string;
  loanPurpose: string;
  fromSector: string;
  toSector: string;
  toMcc: string;
  toCountry: string;
}
