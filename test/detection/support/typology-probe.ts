/**
 * Runs the engine over small record sets appended to one store: each case uses its own
 * accounts, so cases cannot interact and no table needs emptying between them.
 */
import assert from 'node:assert/strict';
import { TYPOLOGY_IDS, type TypologyId } from '../../../core/src/domain/alert.js';
import type { IncomingTransactionRecord } from '../../../core/src/domain/transaction-record.js';
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

  /**
   * An engine running only this typology (the others would find nothing in these cases and
   * only slow the tests down), with its defaults or these parameters.
   */
  engine(typology: TypologyId, params?: Record<string, unknown>): DetectionEngine {
    const typologies = Object.fromEntries(TYPOLOGY_IDS.map((id) => [id, id === typology ? { params } : { enabled: false }]));
    return createDetectionEngine({ client: this.store.client, ruleSet: validateRuleSet({ version: '1.0.0-test', typologies }) });
  }

  /** Load the records as one range and return that range's incidents of the typology. */
  async incidents(typology: TypologyId, records: readonly IncomingTransactionRecord[], engine = this.engine(typology)): Promise<Incident[]> {
    const range = await loadRecords(this.store.client, records, this.seq);
    this.seq = range.uptoSeq;
    const result = await engine.detect(range);
    assert.deepEqual(result.errors, []);
    return result.incidents.filter((incident) => incident.typology === typology);
  }
}
