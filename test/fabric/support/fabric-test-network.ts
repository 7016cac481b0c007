import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'mocha';
import {
  FabricBinariesUnavailableError, NodeProcessExitedError, SupervisionNetwork, freePorts, portsNeeded, type OrderingConsensus,
} from '../../../network-config/src/index.js';
import { readConnectionProfile, type FabricConnectionProfile } from '../../../core/src/ledger/fabric/index.js';

/**
 * Long enough for a first run that must build the Fabric commands with Go (about two minutes
 * on 2 cores, more on a cold module cache); bring-up itself takes seconds.
 */
export const BRING_UP_TIMEOUT_MS = 30 * 60_000;

/** A network of its own for one test file: free ports, a temporary run directory. */
export interface FabricTestNetwork {
  readonly network: SupervisionNetwork;
  readonly profile: FabricConnectionProfile;
  readonly runDir: string;
  /** A fresh directory for a gateway's data (its event checkpoint), removed with the network. */
  newDataDir(name: string): string;
  stop(): Promise<void>;
}

const CONSENSUS: OrderingConsensus = process.env.SUPTECH_FABRIC_CONSENSUS === 'etcdraft' ? 'etcdraft' : 'BFT';

/**
 * The OS hands out free ports from the ephemeral range, so one can be taken by an outgoing
 * connection between our probe and the node's bind. That shows as a node exiting at start;
 * a second attempt on fresh ports is then the cure.
 */
export async function startFabricTestNetwork(attempts = 2): Promise<FabricTestNetwork> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnFreePorts();
    } catch (error) {
      if (!(error instanceof NodeProcessExitedError) || attempt >= attempts) throw error;
      console.warn(`      (retrying bring-up on other ports: ${error.message.split('\n')[0]})`);
    }
  }
}

async function startOnFreePorts(): Promise<FabricTestNetwork> {
  const runDir = mkdtempSync(join(tmpdir(), 'suptech-fabric-'));
  const network = new SupervisionNetwork({
    runDir: join(runDir, 'network'),
    ports: await freePorts(portsNeeded(CONSENSUS)),
    consensus: CONSENSUS,
  });
  // Should the test run end without reaching `stop` (a crash, mocha's forced exit), the
  // network's processes must not outlive it.
  const killOnExit = (): void => {
    network.killNow();
    rmSync(runDir, { recursive: true, force: true });
  };
  process.once('exit', killOnExit);
  try {
    const report = await network.up();
    console.log(`      (Fabric network up in ${(report.totalMs / 1000).toFixed(1)} s, ${CONSENSUS} ordering)`);
  } catch (error) {
    process.removeListener('exit', killOnExit);
    await network.down();
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
  return {
    network,
    runDir,
    profile: readConnectionProfile(network.connectionProfilePath),
    newDataDir: (name) => mkdtempSync(join(runDir, `${name}-`)),
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await network.down();
      if (process.env.SUPTECH_FABRIC_KEEP_RUN_DIR !== '1') rmSync(runDir, { recursive: true, force: true });
    },
  };
}

/**
 * For a mocha `before` hook: starts the network, building the Fabric commands first if they
 * are missing. Where the Go module proxy refuses Fabric's module (install script exit 3) the
 * suite is marked pending with the reason printed, unless SUPTECH_FABRIC_REQUIRED=1 makes that
 * a failure; any other problem fails the hook.
 */
export async function startOrSkip(context: Context): Promise<FabricTestNetwork> {
  context.timeout(BRING_UP_TIMEOUT_MS);
  try {
    return await startFabricTestNetwork();
  } catch (error) {
    if (error instanceof FabricBinariesUnavailableError && process.env.SUPTECH_FABRIC_REQUIRED !== '1') {
      console.warn(`      FABRIC TESTS NOT RUN: ${error.message}`);
      context.skip();
    }
    throw error;
  }
}
