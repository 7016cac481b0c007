import { DEPARTMENTS, mspIdOf, type Department } from '../../core/src/domain/departments.js';

/** How the ordering service reaches consensus. */
export type OrderingConsensus = 'BFT' | 'etcdraft';

/** One ordering node: its consensus/client port, its admin (channel participation) and operations ports. */
export interface OrdererNode {
  readonly name: string;
  /** BFT consenter id (1-based). */
  readonly id: number;
  readonly port: number;
  readonly adminPort: number;
  readonly operationsPort: number;
}

/** A regulator's organisation: its MSP, its one peer and the chaincode server that peer dials. */
export interface RegulatorOrg {
  readonly department: Department;
  readonly mspId: string;
  /** DNS-style domain used by cryptogen for the org's certificates, e.g. `pboc.supervision.local`. */
  readonly domain: string;
  readonly peerName: string;
  readonly peerPort: number;
  readonly peerChaincodePort: number;
  readonly peerOperationsPort: number;
  readonly chaincodeServerPort: number;
}

/** Everything about where the network's processes listen. One host: 127.0.0.1. */
export interface NetworkTopology {
  readonly host: string;
  readonly channel: string;
  readonly chaincodeName: string;
  readonly consensus: OrderingConsensus;
  readonly ordererMspId: string;
  readonly ordererDomain: string;
  readonly orderers: readonly OrdererNode[];
  readonly orgs: readonly RegulatorOrg[];
}

export interface TopologyOptions {
  /** Ports handed out in order; {@link portsNeeded} of them. */
  readonly ports: readonly number[];
  readonly consensus?: OrderingConsensus;
  readonly host?: string;
}

/** BFT tolerates f faulty nodes with 3f+1 consenters; Raft tolerates f crashes with 2f+1. */
function ordererCount(consensus: OrderingConsensus): number {
  return consensus === 'BFT' ? 4 : 3;
}

/** How many ports {@link buildTopology} takes for a given consensus type. */
export function portsNeeded(consensus: OrderingConsensus): number {
  return ordererCount(consensus) * 3 + DEPARTMENTS.length * 4;
}

/** Ports `base, base+1, …` for a fixed, documented layout (what `npm run fabric:up` uses). */
export function sequentialPorts(base: number, consensus: OrderingConsensus): number[] {
  return Array.from({ length: portsNeeded(consensus) }, (_, i) => base + i);
}

/** The supervision network: the five regulators, one peer each, channel `supervision`. */
export function buildTopology(options: Readonly<TopologyOptions>): NetworkTopology {
  const consensus = options.consensus ?? 'BFT';
  if (options.ports.length < portsNeeded(consensus)) {
    throw new Error(`topology needs ${portsNeeded(consensus)} ports, got ${options.ports.length}`);
  }
  let next = 0;
  const take = (): number => options.ports[next++]!;
  const orderers = Array.from({ length: ordererCount(consensus) }, (_, i): OrdererNode => ({
    name: `orderer${i + 1}`, id: i + 1, port: take(), adminPort: take(), operationsPort: take(),
  }));
  const orgs = DEPARTMENTS.map((department): RegulatorOrg => {
    const domain = `${department.toLowerCase()}.supervision.local`;
    return {
      department, mspId: mspIdOf(department), domain, peerName: `peer0.${domain}`,
      peerPort: take(), peerChaincodePort: take(), peerOperationsPort: take(), chaincodeServerPort: take(),
    };
  });
  return {
    host: options.host ?? '127.0.0.1',
    channel: 'supervision',
    chaincodeName: 'supervision',
    consensus,
    ordererMspId: 'SupervisionOrdererMSP',
    ordererDomain: 'orderer.supervision.local',
    orderers,
    orgs,
  };
}

/** The org of a department; throws for a topology without it (never, for ours). */
export function orgOf(topology: NetworkTopology, department: Department): RegulatorOrg {
  const org = topology.orgs.find((o) => o.department === department);
  if (!org) throw new Error(`no organisation for ${department}`);
  return org;
}
