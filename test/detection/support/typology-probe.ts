/**
 * Runs the engine over small record sets appended to one store: each case uses its own
 * accounts, so cases cannot interact and no table needs emptying between them.
 */
import assert from 'node:assert/strict';
import type { TypologyId } from '../../../gateway/src/domain/alert.js';
import type { IncomingTransactionRecord } from '../../../gateway/src/domain/transaction-record.js';
import { createDetectionEngine, type DetectionEngine, type Incident } from '../../../alerts/src/detection/index.js';
import { validateRuleSet } from '../../../alerts/src/rules/index.js';
import { loadRecords } from '../../../alerts/src/scenarios/load-records.js';
import type { DetectionStore } from './detection-store.js';

let accounts = 0;
/** A fresh account id for one case. */
export function account(label = 'acct'): string {
  accounts++;
  return `${label}-${accounts}`;
}

export class TypologyProbe {
  private seq = 0;
  constructor(private readonly store: DetectionStore) {}

  /** An engine with the defaults, or with these parameters for one typology. */
  engine(typology?: TypologyId, params?: Record<string, unknown>): DetectionEngine {
    const ruleSet = typology ? validateRuleSet({ version: '1.0.0-test', typologies: { [typology]: { params } } }) : undefined;
    return createDetectionEngine({ client: this.store.client, ruleSet });
  }

  /** Load the records as one range and return that range's incidents of the typology. */
  async incidents(typology: TypologyId, records: readonly IncomingTransactionRecord[], engine = this.engine()): Promise<Incident[]> {
    const range = await loadRecords(this.store.client, records, this.seq);
    this.seq = range.uptoSeq;
    const result = await engine.detect(range);
    assert.deepEqual(result.errors, []);
    return result.incidents.filter((incident) => incident.typology === typology);
  }
}
