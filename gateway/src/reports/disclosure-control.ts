/**
 * Statistical disclosure control of the cross-department summary: no figure that
 * describes fewer than {@link MIN_ACCOUNTS} distinct accounts is published.
 *
 * Primary suppression hides every cell below the threshold. Where a table has a published
 * total, a reader could subtract the visible cells from it; complementary suppression then
 * hides further cells (smallest first) until the suppressed cells together describe at
 * least the threshold, so that the difference is itself a protected figure.
 */
export const MIN_ACCOUNTS = 5;

/** Why a figure is not shown. */
export type SuppressionReason = 'fewer_than_min_accounts' | 'complementary';

/** A cell before protection: its key, the accounts it describes and its values. */
export interface RawCell<V> {
  key: string;
  accounts: ReadonlySet<string>;
  values: V;
}

/** A cell as published: values only when protected; `suppressed` says why not. */
export type ProtectedCell<V> =
  | ({ key: string; accounts: number; suppressed?: undefined } & V)
  | { key: string; accounts: null; suppressed: SuppressionReason };

/** Whether a set of accounts may be described by a published figure (empty describes nobody). */
export function disclosable(accounts: ReadonlySet<string>): boolean {
  return accounts.size === 0 || accounts.size >= MIN_ACCOUNTS;
}

/**
 * Protects the cells of one table. `complementary` applies when the table's total is
 * published (or can be derived) alongside it.
 */
export function protectCells<V extends object>(cells: readonly RawCell<V>[], options: { complementary: boolean }): ProtectedCell<V>[] {
  const suppressed = new Map<string, SuppressionReason>();
  for (const c of cells) if (!disclosable(c.accounts)) suppressed.set(c.key, 'fewer_than_min_accounts');
  if (options.complementary && suppressed.size > 0) {
    const hidden = new Set<string>();
    for (const c of cells) if (suppressed.has(c.key)) for (const a of c.accounts) hidden.add(a);
    const candidates = cells.filter((c) => !suppressed.has(c.key) && c.accounts.size > 0)
      .sort((a, b) => a.accounts.size - b.accounts.size || (a.key < b.key ? -1 : 1));
    for (const c of candidates) {
      if (hidden.size >= MIN_ACCOUNTS) break;
      suppressed.set(c.key, 'complementary');
      for (const a of c.accounts) hidden.add(a);
    }
  }
  return cells.map((c) => {
    const reason = suppressed.get(c.key);
    return reason ? { key: c.key, accounts: null, suppressed: reason } : { key: c.key, accounts: c.accounts.size, ...c.values };
  });
}

/** One protected value: the value, or null with the reason. */
export function protectValue<V extends object>(key: string, accounts: ReadonlySet<string>, values: V): ProtectedCell<V> {
  return protectCells([{ key, accounts, values }], { complementary: false })[0]!;
}
