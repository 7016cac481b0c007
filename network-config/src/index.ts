/** The supervision network's orchestration: public surface for the CLI and the tests. */
export { SupervisionNetwork, NodeProcessExitedError, type SupervisionNetworkOptions, type BringUpReport } from './supervision-network.js';
export { FabricTools, FabricBinariesUnavailableError, FabricCommandError, FABRIC_RELEASE, type FabricToolsOptions } from './fabric-tools.js';
export { buildTopology, portsNeeded, sequentialPorts, type NetworkTopology, type OrderingConsensus } from './topology.js';
export { majorityEndorsementPolicy } from './channel-config.js';
export { freePorts } from './free-ports.js';
