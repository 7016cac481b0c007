import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DepartmentConnection, FabricConnectionProfile } from '../../core/src/ledger/fabric/connection-profile.js';
import type { Department } from '../../core/src/domain/departments.js';
import type { RunLayout } from './run-layout.js';
import type { NetworkTopology } from './topology.js';

/** The one file in a directory (cryptogen names keys `priv_sk`, certificates after the user). */
function onlyFile(dir: string): string {
  const files = readdirSync(dir);
  if (files.length !== 1) throw new Error(`expected one file in ${dir}, found ${files.length}`);
  return join(dir, files[0]!);
}

/** Builds the gateway's connection profile from the generated crypto material. */
export function connectionProfile(layout: RunLayout, topology: NetworkTopology): FabricConnectionProfile {
  const departments = Object.fromEntries(topology.orgs.map((org): [Department, DepartmentConnection] => {
    const msp = layout.clientMsp(org);
    return [org.department, {
      mspId: org.mspId,
      peerEndpoint: `${topology.host}:${org.peerPort}`,
      peerHostAlias: org.peerName,
      tlsRootCertPath: layout.peerTlsCa(org),
      certPath: onlyFile(join(msp, 'signcerts')),
      keyPath: onlyFile(join(msp, 'keystore')),
    }];
  })) as Record<Department, DepartmentConnection>;
  return { channel: topology.channel, chaincode: topology.chaincodeName, departments };
}

export function writeConnectionProfile(layout: RunLayout, topology: NetworkTopology): string {
  writeFileSync(layout.connectionProfile, JSON.stringify(connectionProfile(layout, topology), null, 2));
  return layout.connectionProfile;
}
