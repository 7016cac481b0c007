/**
 * `npm run fabric:up` / `npm run fabric:down`: the supervision network on 127.0.0.1.
 *
 * Environment:
 * - `SUPTECH_FABRIC_RUN_DIR`   run directory (default network-config/.run)
 * - `SUPTECH_FABRIC_BASE_PORT` first of the network's consecutive ports (default 27050)
 * - `SUPTECH_FABRIC_CONSENSUS` `BFT` (default) or `etcdraft`
 * - `FABRIC_BIN_DIR`, `FABRIC_CFG_DIR` where the Fabric commands and their base config are
 */
import { join } from 'node:path';
import { NETWORK_CONFIG_DIR } from './fabric-tools.js';
import { SupervisionNetwork } from './supervision-network.js';
import { sequentialPorts, type OrderingConsensus } from './topology.js';

function consensusFromEnv(): OrderingConsensus {
  const value = process.env.SUPTECH_FABRIC_CONSENSUS ?? 'BFT';
  if (value !== 'BFT' && value !== 'etcdraft') {
    throw new Error(`SUPTECH_FABRIC_CONSENSUS must be BFT or etcdraft, not "${value}"`);
  }
  return value;
}

function basePortFromEnv(): number {
  const value = Number(process.env.SUPTECH_FABRIC_BASE_PORT ?? '27050');
  if (!Number.isInteger(value) || value < 1024 || value > 65000) {
    throw new Error(`SUPTECH_FABRIC_BASE_PORT must be an integer between 1024 and 65000, not "${process.env.SUPTECH_FABRIC_BASE_PORT}"`);
  }
  return value;
}

async function main(command: string | undefined): Promise<void> {
  const consensus = consensusFromEnv();
  const network = new SupervisionNetwork({
    runDir: process.env.SUPTECH_FABRIC_RUN_DIR ?? join(NETWORK_CONFIG_DIR, '.run'),
    ports: sequentialPorts(basePortFromEnv(), consensus),
    consensus,
    log: (line) => console.error(line),
  });
  switch (command) {
    case 'up': {
      const report = await network.up();
      for (const [name, ms] of Object.entries(report.phases)) console.error(`  ${name}: ${(ms / 1000).toFixed(1)} s`);
      console.log(`SUPTECH_FABRIC_PROFILE=${report.connectionProfile}`);
      return;
    }
    case 'down':
      await network.down({ purge: !process.argv.includes('--keep') });
      console.error(`[fabric] network stopped${process.argv.includes('--keep') ? ' (ledgers kept)' : ' and its run directory removed'}`);
      return;
    default:
      throw new Error('usage: tsx network-config/src/cli.ts up | down [--keep]');
  }
}

main(process.argv[2]).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
