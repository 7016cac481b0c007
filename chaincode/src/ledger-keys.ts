/**
 * World-state key families. Keys are Fabric composite keys (`\u0000type\u0000id\u0000`),
 * so each family is a contiguous range and ids can never collide across families.
 */
export const KEY_TYPES = {
  batch: 'suptech.batch',
  alert: 'suptech.alert',
  case: 'suptech.case',
  ruleSet: 'suptech.ruleset',
  report: 'suptech.report',
  listEntry: 'suptech.listentry',
  caseNote: 'suptech.casenote',
} as const;
/** One of the {@link KEY_TYPES} families. */
export type KeyType = (typeof KEY_TYPES)[keyof typeof KEY_TYPES];

/** The stub method composite keys are made with (Fabric's `ChaincodeStub.createCompositeKey`). */
export interface CompositeKeyMaker {
  createCompositeKey(objectType: string, attributes: string[]): string;
}

/** World-state key of the record `id` in the family `type`. */
export function ledgerKey(stub: CompositeKeyMaker, type: KeyType, id: string): string {
  return stub.createCompositeKey(type, [id]);
}
