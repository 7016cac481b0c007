import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Department } from '../../domain/departments.js';
import type { FabricDeadlines } from './connect.js';
import { readConnectionProfile } from './connection-profile.js';
import { FabricLedger } from './fabric-ledger.js';

export interface OpenFabricLedgerOptions {
  /** The connection profile (`SUPTECH_FABRIC_PROFILE`); `npm run fabric:up` writes network-config/.run/connection-profile.json. */
  readonly profilePath: string;
  /** The gateway's data directory (`SUPTECH_DATA_DIR`); the event checkpoint lives in it. */
  readonly dataDir: string;
  /** Whose peer serves events and the block height (`SUPTECH_FABRIC_LISTEN_AS`); default the profile's first department. */
  readonly listenAs?: Department;
  readonly deadlines?: FabricDeadlines;
  readonly onError?: (error: unknown, context: string) => void;
}

/** Where the checkpointed event feed keeps its position inside the data directory. */
export const fabricCheckpointFile = (dataDir: string): string => join(dataDir, 'fabric-events.checkpoint.json');

/**
 * Opens the `fabric` ledger backend and checks that the network answers (one query of the
 * block height), so a wrong profile or a stopped network fails at startup, not at first use.
 */
export async function openFabricLedger(options: Readonly<OpenFabricLedgerOptions>): Promise<FabricLedger> {
  const profile = readConnectionProfile(options.profilePath);
  mkdirSync(options.dataDir, { recursive: true });
  const ledger = new FabricLedger({
    profile,
    checkpointFile: fabricCheckpointFile(options.dataDir),
    listenAs: options.listenAs,
    deadlines: options.deadlines,
    onError: options.onError,
  });
  try {
    await ledger.height();
  } catch (error) {
    await ledger.close();
    throw error;
  }
  return ledger;
}
