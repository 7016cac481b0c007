/**
 * The analytics store's tables. One SQL dialect: the same statements run on embedded chDB
 * and on a ClickHouse server. Every statement is idempotent (IF NOT EXISTS) so that
 * startup can always apply the whole schema.
 *
 * `fsync_after_insert`/`fsync_part_directory` are on for the tables that hold what we
 * acknowledge: an insert that returned must survive a power loss before the gateway says
 * "accepted" (chDB and ClickHouse default both to 0).
 */
export const DURABLE_SETTINGS = 'fsync_after_insert = 1, fsync_part_directory = 1';

export const SCHEMA_STATEMENTS: readonly string[] = [
  // One row per accepted record, pseudonymized. `seq` is the ingestion sequence number
  // (monotonic, assigned by the gateway); detection consumes records by seq ranges.
  `CREATE TABLE IF NOT EXISTS transactions (
    seq           UInt64,
    institution   LowCardinality(String),
    tx_id         String,
    ts            DateTime64(3, 'UTC'),
    type          LowCardinality(String),
    from_account  String,
    to_account    String,
    amount        Decimal(18, 2),
    currency      LowCardinality(String),
    loan_purpose  LowCardinality(String),
    from_sector   LowCardinality(String),
    to_sector     LowCardinality(String),
    to_mcc        LowCardinality(String),
    to_country    LowCardinality(String),
    record_hash   String,
    ingested_at   DateTime64(3, 'UTC') DEFAULT now64(3)
  ) ENGINE = ReplacingMergeTree
  ORDER BY (institution, tx_id)
  SETTINGS ${DURABLE_SETTINGS}`,
  // Data directories from before encoded inserts: the insert's time is the column's default.
  `ALTER TABLE transactions MODIFY COLUMN ingested_at DateTime64(3, 'UTC') DEFAULT now64(3)`,

  // Which Merkle batch (and leaf position) each record was anchored in.
  `CREATE TABLE IF NOT EXISTS batch_members (
    batch_id     String,
    leaf_index   UInt32,
    institution  LowCardinality(String),
    tx_id        String,
    seq          UInt64,
    record_hash  String
  ) ENGINE = ReplacingMergeTree
  ORDER BY (institution, tx_id)
  SETTINGS ${DURABLE_SETTINGS}`,

  // Anchored batches: Merkle root and the ledger transaction that anchored it.
  `CREATE TABLE IF NOT EXISTS batches (
    batch_id      String,
    merkle_root   String,
    count         UInt32,
    first_ts      DateTime64(3, 'UTC'),
    last_ts       DateTime64(3, 'UTC'),
    max_seq       UInt64,
    ledger_tx_id  String,
    block_number  UInt64,
    anchored_at   DateTime64(3, 'UTC')
  ) ENGINE = ReplacingMergeTree
  ORDER BY batch_id
  SETTINGS ${DURABLE_SETTINGS}`,
];
