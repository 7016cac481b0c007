import { isDepartment } from '../../domain/departments.js';
import type { FabricLedger } from './fabric-ledger.js';
import { openFabricLedger, type OpenFabricLedgerOptions } from './open-fabric-ledger.js';

/**
 * {@link openFabricLedger} configured from the environment, for the composition root:
 * - `SUPTECH_FABRIC_PROFILE` (required): path of the connection profile;
 * - `SUPTECH_FABRIC_LISTEN_AS` (optional): department whose peer serves events and height.
 * A missing or bad value fails at startup with a message naming the variable.
 */
export async function openFabricLedgerFromEnv(
  options: Readonly<Pick<OpenFabricLedgerOptions, 'dataDir' | 'onError'>>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<FabricLedger> {
  const profilePath = env.SUPTECH_FABRIC_PROFILE;
  if (profilePath === undefined || profilePath === '') {
    throw new Error('SUPTECH_FABRIC_PROFILE must name the Fabric connection profile when SUPTECH_LEDGER=fabric '
      + '(npm run fabric:up prints it; see core/src/ledger/fabric/README.md)');
  }
  const listenAs = env.SUPTECH_FABRIC_LISTEN_AS;
  if (listenAs !== undefined && listenAs !== '' && !isDepartment(listenAs)) {
    throw new Error(`SUPTECH_FABRIC_LISTEN_AS must be a department code (PBOC, NFRA, SAMR, CAC, SAFE), not "${listenAs}"`);
  }
  return openFabricLedger({ ...options, profilePath, listenAs: listenAs === '' ? undefined : listenAs });
}
