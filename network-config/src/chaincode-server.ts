import { join } from 'node:path';
import { REPO_ROOT } from './fabric-tools.js';
import { startNodeProcess } from './node-process.js';
import type { RunLayout } from './run-layout.js';
import type { NetworkTopology, RegulatorOrg } from './topology.js';

/** Process name of a department's chaincode server. */
export const chaincodeProcessName = (org: RegulatorOrg): string => `chaincode-${org.department.toLowerCase()}`;

export interface ChaincodeServerOptions {
  readonly layout: RunLayout;
  readonly topology: NetworkTopology;
  readonly org: RegulatorOrg;
  /** The installed package's id (`label:sha256`), which the peer presents when it connects. */
  readonly packageId: string;
  /** The compiled contract (see contract-build.ts). */
  readonly moduleDir: string;
}

/**
 * Runs the contract as a service for one department's peer: `fabric-chaincode-node server`
 * listens, the peer dials it (chaincode as a service). Each department runs its own, so no
 * department's endorsement depends on another's process.
 */
export function startChaincodeServer(options: Readonly<ChaincodeServerOptions>): number {
  const { layout, topology, org, packageId, moduleDir } = options;
  const name = chaincodeProcessName(org);
  const cli = join(REPO_ROOT, 'node_modules', 'fabric-shim', 'cli.js');
  return startNodeProcess({
    name,
    command: process.execPath,
    args: [
      cli, 'server',
      '--chaincode-address', `${topology.host}:${org.chaincodeServerPort}`,
      '--chaincode-id', packageId,
      '--module-path', moduleDir,
    ],
    env: { CORE_CHAINCODE_LOGGING_LEVEL: 'warning', CORE_CHAINCODE_LOGGING_SHIM: 'warning' },
    cwd: moduleDir,
    logFile: layout.log(name),
    pidFile: layout.pid(name),
  });
}
