import { join } from 'node:path';
import type { FabricTools } from './fabric-tools.js';
import { startNodeProcess } from './node-process.js';
import type { RunLayout } from './run-layout.js';
import type { NetworkTopology, OrdererNode } from './topology.js';

/** Process name of an orderer (log, pid and data directory names). */
export const ordererProcessName = (node: OrdererNode): string => node.name;

/**
 * The orderer's settings as environment overrides of Fabric's base orderer.yaml: TLS on every
 * listener, channel participation API on the admin port (mutual TLS), no system channel.
 */
export function ordererEnv(layout: RunLayout, topology: NetworkTopology, node: OrdererNode): Record<string, string> {
  const dir = layout.ordererDir(topology, node);
  const tls = join(dir, 'tls');
  const data = layout.data(ordererProcessName(node));
  return {
    FABRIC_LOGGING_SPEC: 'INFO:grpc,comm.grpc.server=WARNING',
    ORDERER_GENERAL_LISTENADDRESS: topology.host,
    ORDERER_GENERAL_LISTENPORT: String(node.port),
    ORDERER_GENERAL_LOCALMSPID: topology.ordererMspId,
    ORDERER_GENERAL_LOCALMSPDIR: join(dir, 'msp'),
    ORDERER_GENERAL_TLS_ENABLED: 'true',
    ORDERER_GENERAL_TLS_PRIVATEKEY: join(tls, 'server.key'),
    ORDERER_GENERAL_TLS_CERTIFICATE: join(tls, 'server.crt'),
    ORDERER_GENERAL_TLS_ROOTCAS: `[${join(tls, 'ca.crt')}]`,
    // Consenters talk to each other over the same TLS listener, with the node's TLS pair.
    ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: join(tls, 'server.crt'),
    ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: join(tls, 'server.key'),
    ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
    ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
    ORDERER_CONSENSUS_TYPE: topology.consensus,
    ORDERER_FILELEDGER_LOCATION: join(data, 'ledger'),
    ORDERER_CONSENSUS_WALDIR: join(data, 'etcdraft', 'wal'),
    ORDERER_CONSENSUS_SNAPDIR: join(data, 'etcdraft', 'snapshot'),
    ORDERER_OPERATIONS_LISTENADDRESS: `${topology.host}:${node.operationsPort}`,
    ORDERER_ADMIN_LISTENADDRESS: `${topology.host}:${node.adminPort}`,
    ORDERER_ADMIN_TLS_ENABLED: 'true',
    ORDERER_ADMIN_TLS_PRIVATEKEY: join(tls, 'server.key'),
    ORDERER_ADMIN_TLS_CERTIFICATE: join(tls, 'server.crt'),
    ORDERER_ADMIN_TLS_ROOTCAS: `[${join(tls, 'ca.crt')}]`,
    ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
    ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${join(tls, 'ca.crt')}]`,
  };
}

export function startOrderer(tools: FabricTools, layout: RunLayout, topology: NetworkTopology, node: OrdererNode): number {
  const name = ordererProcessName(node);
  return startNodeProcess({
    name,
    command: tools.path('orderer'),
    args: [],
    env: { FABRIC_CFG_PATH: tools.configDir, ...ordererEnv(layout, topology, node) },
    logFile: layout.log(name),
    pidFile: layout.pid(name),
  });
}

/** The ordering org admin's TLS client pair, which the channel participation API requires. */
function ordererAdminTls(layout: RunLayout, topology: NetworkTopology): { cert: string; key: string } {
  const dir = join(layout.cryptoDir, 'ordererOrganizations', topology.ordererDomain, 'users', `Admin@${topology.ordererDomain}`, 'tls');
  return { cert: join(dir, 'client.crt'), key: join(dir, 'client.key') };
}

/** Lists the channels an orderer has joined (empty when it has none). */
export async function ordererChannels(tools: FabricTools, layout: RunLayout, topology: NetworkTopology, node: OrdererNode): Promise<string[]> {
  const admin = ordererAdminTls(layout, topology);
  const out = await tools.run('osnadmin', [
    'channel', 'list', '-o', `${topology.host}:${node.adminPort}`,
    '--ca-file', layout.ordererTlsCa(topology), '--client-cert', admin.cert, '--client-key', admin.key,
  ]);
  return [...out.matchAll(/"name":\s*"([^"]+)"/g)].map((m) => m[1]!);
}

/** Joins the orderer to the channel through the channel participation API. */
export async function joinOrdererToChannel(tools: FabricTools, layout: RunLayout, topology: NetworkTopology, node: OrdererNode): Promise<void> {
  if ((await ordererChannels(tools, layout, topology, node)).includes(topology.channel)) return;
  const admin = ordererAdminTls(layout, topology);
  await tools.run('osnadmin', [
    'channel', 'join', '--channelID', topology.channel, '--config-block', layout.channelBlock,
    '-o', `${topology.host}:${node.adminPort}`,
    '--ca-file', layout.ordererTlsCa(topology), '--client-cert', admin.cert, '--client-key', admin.key,
  ]);
}
