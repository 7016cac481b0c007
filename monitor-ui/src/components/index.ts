/** Dashboard components: each `(data, options) => { element, update, destroy }`. */
export type { Component } from './component.js';
export { createElement } from './component.js';
export { createAppHeader, type AppHeaderData } from './app-header.js';
export { createAlertStream, type AlertStreamData } from './alert-stream.js';
export { createTypologyCounters } from './typology-counters.js';
export { createTypologyChart } from './typology-chart.js';
export { createFundFlowGraph } from './fund-flow-graph.js';
export { layoutFundFlow, type FlowLayout } from './fund-flow-layout.js';
export { placeFundFlow, type FlowGeometry } from './fund-flow-geometry.js';
export { createEvidenceTable } from './evidence-table.js';
export { createDepartmentOpinions } from './department-opinions.js';
export { createLedgerStatus } from './ledger-status.js';
export { createOpinionForm, opinionRefusal } from './opinion-form.js';
export { createQueueTable } from './queue-table.js';
export { createQuarterReports, maySignOff } from './quarter-reports.js';
export { DEPARTMENT_ORDER, decisionsOf, inDepartmentOrder, joinDecisionBadges } from './decision-badges.js';
export {
  DECISION_LABELS, SEVERITY_LABELS, STATUS_LABELS, TYPOLOGY_COLORS, formatAmount, formatAmountCompact, formatDateTime,
  formatDeadline, formatShortDateTime, formatTime, shortPseudonym, typologyColor, typologyLabel,
} from './format.js';
