/** The `fabric` ledger backend: public surface for the composition root and tests. */
export { openFabricLedger, fabricCheckpointFile, type OpenFabricLedgerOptions } from './open-fabric-ledger.js';
export { openFabricLedgerFromEnv } from './open-fabric-ledger-from-env.js';
export { FabricLedger, type FabricLedgerOptions } from './fabric-ledger.js';
export { DEFAULT_DEADLINES, type FabricDeadlines } from './connect.js';
export {
  parseConnectionProfile, readConnectionProfile, type DepartmentConnection, type FabricConnectionProfile,
} from './connection-profile.js';
