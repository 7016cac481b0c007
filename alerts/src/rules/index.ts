/**
 * Rule sets (versioned, validated typology configuration and its canonical hash), the
 * negative and allow lists, and severity.
 */
export { validateRuleSet, defaultRuleSet, RuleSetValidationError, type RuleSet, type TypologyRule } from './rule-set.js';
export { ruleSetHash, canonicalJson } from './rule-set-hash.js';
export {
  addListEntry, removeListEntry, listEntries, mirrorDepartmentEntry, loadDetectionLists, isExempt, listedFor, ListEntryError,
  LIST_NAMES, LIST_ENTRY_KINDS, LIST_STATEMENTS, NO_LISTS,
  type ListName, type ListEntryKind, type ListScope, type ListEntryKey, type ListEntry, type DetectionLists,
} from './detection-lists.js';
export { severityOf, HIGH_AMOUNT, LOW_AMOUNT } from './severity.js';
export { ListGovernance, listEntryId, type ListEntryRequest } from './list-governance.js';
export { scopeListEntry, typologiesRoutedTo, departmentsConcerned, ListScopeError, type ListEntryScope } from './list-entry-scope.js';
