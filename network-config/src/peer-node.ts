import { join } from 'node:path';
import { NETWORK_CONFIG_DIR, type FabricTools } from './fabric-tools.js';
import { startNodeProcess } from './node-process.js';
import type { RunLayout } from './run-layout.js';
import type { NetworkTopology, RegulatorOrg } from './topology.js';

/** Process name of a department's peer (log, pid and data directory names). */
export const peerProcessName = (org: RegulatorOrg): string => `peer-${org.department.toLowerCase()}`;

/** Our chaincode-as-a-service builder (network-config/builders/ccaas). */
const CCAAS_BUILDER = join(NETWORK_CONFIG_DIR, 'builders', 'ccaas');

/**
 * Faster gossip than Fabric's WAN-minded defaults: on one host (or a LAN of regulators)
 * peers then find each other in seconds and notice a stopped peer within ~5 s, which is
 * what lets discovery route endorsements around an outage quickly. The peer and the admin
 * CLI against it use the same settings.
 */
const FAST_GOSSIP = {
  CORE_PEER_GOSSIP_ALIVETIMEINTERVAL: '1s',
  CORE_PEER_GOSSIP_ALIVEEXPIRATIONTIMEOUT: '5s',
  CORE_PEER_GOSSIP_RECONNECTINTERVAL: '2s',
  CORE_PEER_GOSSIP_PULLINTERVAL: '1s',
  CORE_PEER_GOSSIP_REQUESTSTATEINFOINTERVAL: '1s',
  CORE_PEER_GOSSIP_PUBLISHSTATEINFOINTERVAL: '1s',
  CORE_PEER_GOSSIP_MEMBERSHIPTRACKERINTERVAL: '1s',
} as const;

/**
 * The peer's settings as environment overrides of Fabric's base core.yaml. The peer runs as
 * a plain process: no Docker (empty VM endpoint), chaincode only through the ccaas external
 * builder, which dials the org's own chaincode server at SUPTECH_CHAINCODE_ADDRESS.
 */
export function peerEnv(layout: RunLayout, topology: NetworkTopology, org: RegulatorOrg): Record<string, string> {
  const dir = layout.peerDir(org);
  const data = layout.data(peerProcessName(org));
  const address = `${topology.host}:${org.peerPort}`;
  return {
    FABRIC_LOGGING_SPEC: 'INFO:gossip,discovery,grpc,comm.grpc.server=WARNING',
    CORE_PEER_ID: org.peerName,
    CORE_PEER_ADDRESS: address,
    CORE_PEER_LISTENADDRESS: address,
    CORE_PEER_CHAINCODEADDRESS: `${topology.host}:${org.peerChaincodePort}`,
    CORE_PEER_CHAINCODELISTENADDRESS: `${topology.host}:${org.peerChaincodePort}`,
    CORE_PEER_GOSSIP_BOOTSTRAP: address,
    CORE_PEER_GOSSIP_EXTERNALENDPOINT: address,
    ...FAST_GOSSIP,
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: join(dir, 'msp'),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_CERT_FILE: join(dir, 'tls', 'server.crt'),
    CORE_PEER_TLS_KEY_FILE: join(dir, 'tls', 'server.key'),
    CORE_PEER_TLS_ROOTCERT_FILE: join(dir, 'tls', 'ca.crt'),
    CORE_PEER_FILESYSTEMPATH: data,
    CORE_LEDGER_SNAPSHOTS_ROOTDIR: join(data, 'snapshots'),
    CORE_OPERATIONS_LISTENADDRESS: `${topology.host}:${org.peerOperationsPort}`,
    // Prometheus metrics on the operations port: bring-up reads gossip membership from them.
    CORE_METRICS_PROVIDER: 'prometheus',
    CORE_VM_ENDPOINT: '',
    CORE_CHAINCODE_EXTERNALBUILDERS: JSON.stringify([
      { name: 'suptech-ccaas', path: CCAAS_BUILDER, propagateEnvironment: ['SUPTECH_CHAINCODE_ADDRESS'] },
    ]),
    SUPTECH_CHAINCODE_ADDRESS: `${topology.host}:${org.chaincodeServerPort}`,
  };
}

export function startPeer(tools: FabricTools, layout: RunLayout, topology: NetworkTopology, org: RegulatorOrg): number {
  const name = peerProcessName(org);
  return startNodeProcess({
    name,
    command: tools.path('peer'),
    args: ['node', 'start'],
    env: { FABRIC_CFG_PATH: tools.configDir, ...peerEnv(layout, topology, org) },
    logFile: layout.log(name),
    pidFile: layout.pid(name),
  });
}

/** Environment for the `peer` CLI acting as the org's administrator against its own peer. */
export function peerAdminEnv(layout: RunLayout, topology: NetworkTopology, org: RegulatorOrg): Record<string, string> {
  return {
    FABRIC_LOGGING_SPEC: 'WARNING',
    CORE_PEER_ADDRESS: `${topology.host}:${org.peerPort}`,
    ...FAST_GOSSIP,
    CORE_PEER_LOCALMSPID: org.mspId,
    CORE_PEER_MSPCONFIGPATH: layout.adminMsp(org),
    CORE_PEER_TLS_ENABLED: 'true',
    CORE_PEER_TLS_ROOTCERT_FILE: layout.peerTlsCa(org),
  };
}

/** Joins the peer to the channel from the genesis block, unless it already has. */
export async function joinPeerToChannel(tools: FabricTools, layout: RunLayout, topology: NetworkTopology, org: RegulatorOrg): Promise<void> {
  const env = peerAdminEnv(layout, topology, org);
  const joined = await tools.run('peer', ['channel', 'list'], env);
  if (joined.split('\n').some((line) => line.trim() === topology.channel)) return;
  await tools.run('peer', ['channel', 'join', '-b', layout.channelBlock], env);
}

/** The peer's committed block height on the channel (`peer channel getinfo`). */
export async function peerHeight(tools: FabricTools, layout: RunLayout, topology: NetworkTopology, org: RegulatorOrg): Promise<number> {
  const out = await tools.run('peer', ['channel', 'getinfo', '-c', topology.channel], peerAdminEnv(layout, topology, org));
  const match = /"height":(\d+)/.exec(out);
  if (!match) throw new Error(`unexpected getinfo output from ${org.peerName}: ${out}`);
  return Number(match[1]);
}

/**
 * Queries the contract on this department's peer only (`peer chaincode query`), so a test can
 * tell what each peer's own copy of the world state says.
 */
export async function queryPeer(
  tools: FabricTools, layout: RunLayout, topology: NetworkTopology, org: RegulatorOrg, fn: string, args: readonly string[],
): Promise<unknown> {
  const out = await tools.run('peer', [
    'chaincode', 'query', '-C', topology.channel, '-n', topology.chaincodeName,
    '-c', JSON.stringify({ function: fn, Args: args }),
  ], peerAdminEnv(layout, topology, org));
  const text = out.trim();
  return text === '' ? undefined : JSON.parse(text) as unknown;
}

/**
 * How many other peers of the channel this peer knows through gossip (from its Prometheus
 * metrics). Service discovery, and so the gateway's choice of endorsers, sees only these.
 */
export async function peersKnown(topology: NetworkTopology, org: RegulatorOrg): Promise<number> {
  const response = await fetch(`http://${topology.host}:${org.peerOperationsPort}/metrics`, { signal: AbortSignal.timeout(5000) });
  const text = await response.text();
  const line = text.split('\n').find((l) => l.startsWith('gossip_membership_total_peers_known') && l.includes(`channel="${topology.channel}"`));
  return line === undefined ? 0 : Number(line.split(' ').at(-1));
}
