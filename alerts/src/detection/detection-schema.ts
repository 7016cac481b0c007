/**
 * Detection state kept inside ClickHouse, next to the `transactions` table the gateway
 * writes. Every statement is idempotent so that startup can apply it every time.
 */

/**
 * Accounts that are not personal: ever reported with a sector (either side) or an MCC
 * (receiving side). A materialized view keeps the table current on every insert into
 * `transactions`, so detectors can exclude them with one `NOT IN` instead of scanning the
 * whole history; the backfill covers records stored before the view existed (duplicates are
 * harmless: the table is a set, read through `IN`).
 */
export const NON_PERSONAL_ACCOUNTS_STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS detection_non_personal_accounts (
    account String
  ) ENGINE = ReplacingMergeTree
  ORDER BY account`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS detection_non_personal_accounts_mv
  TO detection_non_personal_accounts AS
  SELECT account FROM transactions
  ARRAY JOIN [if(from_sector != '', from_account, ''), if(to_sector != '' OR to_mcc != '', to_account, '')] AS account
  WHERE account != ''`,
  `INSERT INTO detection_non_personal_accounts
  SELECT DISTINCT account FROM transactions
  ARRAY JOIN [if(from_sector != '', from_account, ''), if(to_sector != '' OR to_mcc != '', to_account, '')] AS account
  WHERE account != '' AND account NOT IN (SELECT account FROM detection_non_personal_accounts)`,
];
