import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FabricTools } from './fabric-tools.js';
import type { RunLayout } from './run-layout.js';
import type { NetworkTopology } from './topology.js';

/**
 * cryptogen's input for the supervision network: one orderer organisation whose consenters
 * run the ordering service, and one organisation per regulator with one peer, an admin and
 * one client user (the identity the gateway submits under). NodeOUs make the MSP roles
 * (admin, peer, client, orderer) visible to policies such as `PBOCMSP.peer`.
 * Written as JSON, which cryptogen's YAML reader accepts.
 */
export function cryptogenConfig(topology: NetworkTopology): object {
  const sans = [topology.host, 'localhost'];
  return {
    OrdererOrgs: [{
      Name: 'SupervisionOrderer',
      Domain: topology.ordererDomain,
      EnableNodeOUs: true,
      Specs: topology.orderers.map((o) => ({ Hostname: o.name, SANS: sans })),
    }],
    PeerOrgs: topology.orgs.map((org) => ({
      Name: org.department,
      Domain: org.domain,
      EnableNodeOUs: true,
      Specs: [{ Hostname: 'peer0', SANS: sans }],
      Users: { Count: 1 },
    })),
  };
}

/** Generates all certificates and keys into the run directory (never into the repository). */
export async function generateCryptoMaterial(
  tools: FabricTools, layout: RunLayout, topology: NetworkTopology,
): Promise<void> {
  mkdirSync(layout.configDir, { recursive: true });
  const configFile = join(layout.configDir, 'crypto-config.yaml');
  writeFileSync(configFile, JSON.stringify(cryptogenConfig(topology), null, 2));
  await tools.run('cryptogen', ['generate', `--config=${configFile}`, `--output=${layout.cryptoDir}`]);
}
