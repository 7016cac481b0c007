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

/**
 * The records detection reads, copied by a materialized view from `transactions` (whose
 * order, by institution and txId, serves idempotent ingestion) into the orders detection
 * needs: by (type, event time) for the typologies' windows, with a projection by
 * (sender, event time) for following money out of given accounts, and a min-max index on seq
 * for finding a range's records. The backfill copies what was stored before the view existed.
 */
export const DETECTION_EVENTS_STATEMENTS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS detection_events (
    seq           UInt64,
    institution   LowCardinality(String),
    tx_id         String,
    ts            DateTime64(3, 'UTC'),
    type          LowCardinality(String),
    from_account  String,
    to_account    String,
    amount        Decimal(18, 2),
    loan_purpose  LowCardinality(String),
    to_sector     LowCardinality(String),
    to_mcc        LowCardinality(String),
    to_country    LowCardinality(String),
    INDEX seq_range seq TYPE minmax GRANULARITY 1,
    PROJECTION by_sender (SELECT * ORDER BY from_account, ts)
  ) ENGINE = MergeTree
  ORDER BY (type, ts)`,
  // A projection by recipient was tried (2026-12-02) and dropped: on the running platform it
  // made every insert dearer (the bench's accepted rate halved) while the lookups it served
  // gained a few ms; stores created meanwhile lose it here.
  `ALTER TABLE detection_events DROP PROJECTION IF EXISTS by_recipient`,
  `CREATE MATERIALIZED VIEW IF NOT EXISTS detection_events_mv TO detection_events AS
  SELECT seq, institution, tx_id, ts, type, from_account, to_account, amount, loan_purpose, to_sector, to_mcc, to_country
  FROM transactions`,
  `INSERT INTO detection_events
  SELECT seq, institution, tx_id, ts, type, from_account, to_account, amount, loan_purpose, to_sector, to_mcc, to_country
  FROM transactions
  WHERE seq > (SELECT max(seq) FROM detection_events)`,
];

/**
 * Copies into `detection_events` the stored records above `afterSeq` that it lacks. The view
 * writes its part after the `transactions` part of the same insert, not atomically with it, so
 * a process killed in between leaves a record stored but not copied; with two inserts in
 * flight that gap can sit below the highest copied seq, where the backfill above does not
 * look. Such a record was never acknowledged (its insert did not return), so it lies above the
 * detection watermark: repairing from there on at start is enough.
 */
export const REPAIR_DETECTION_EVENTS_SQL = `INSERT INTO detection_events
  SELECT seq, institution, tx_id, ts, type, from_account, to_account, amount, loan_purpose, to_sector, to_mcc, to_country
  FROM transactions
  WHERE seq > {afterSeq:UInt64}
    AND (institution, tx_id) NOT IN (SELECT institution, tx_id FROM detection_events WHERE seq > {afterSeq:UInt64})`;
