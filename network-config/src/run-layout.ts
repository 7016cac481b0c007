import { join } from 'node:path';
import type { NetworkTopology, OrdererNode, RegulatorOrg } from './topology.js';

/**
 * Where a running network keeps its files. Everything lives under one run directory
 * (never committed): crypto material, channel artifacts, ledgers, logs and pid files.
 */
export class RunLayout {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  get cryptoDir(): string { return join(this.root, 'crypto'); }
  get configDir(): string { return join(this.root, 'config'); }
  get artifactsDir(): string { return join(this.root, 'artifacts'); }
  get logsDir(): string { return join(this.root, 'logs'); }
  get pidsDir(): string { return join(this.root, 'pids'); }
  get dataDir(): string { return join(this.root, 'data'); }
  /** The saved topology, so a second `up` or a `down` uses the same ports. */
  get topologyFile(): string { return join(this.root, 'topology.json'); }
  /** What the gateway's fabric backend reads (see core/src/ledger/fabric/README.md). */
  get connectionProfile(): string { return join(this.root, 'connection-profile.json'); }
  get channelBlock(): string { return join(this.artifactsDir, 'supervision.block'); }
  get chaincodePackage(): string { return join(this.artifactsDir, 'supervision-ccaas.tar.gz'); }
  /** Written once the contract is committed: bring-up is complete. */
  get readyFile(): string { return join(this.root, 'ready.json'); }

  ordererDir(topology: NetworkTopology, node: OrdererNode): string {
    const host = `${node.name}.${topology.ordererDomain}`;
    return join(this.cryptoDir, 'ordererOrganizations', topology.ordererDomain, 'orderers', host);
  }

  ordererOrgMsp(topology: NetworkTopology): string {
    return join(this.cryptoDir, 'ordererOrganizations', topology.ordererDomain, 'msp');
  }

  ordererTlsCa(topology: NetworkTopology): string {
    return join(this.cryptoDir, 'ordererOrganizations', topology.ordererDomain, 'tlsca', `tlsca.${topology.ordererDomain}-cert.pem`);
  }

  orgDir(org: RegulatorOrg): string {
    return join(this.cryptoDir, 'peerOrganizations', org.domain);
  }

  peerDir(org: RegulatorOrg): string {
    return join(this.orgDir(org), 'peers', org.peerName);
  }

  peerTlsCa(org: RegulatorOrg): string {
    return join(this.orgDir(org), 'tlsca', `tlsca.${org.domain}-cert.pem`);
  }

  /** The org's administrator, who joins the channel and installs/approves the contract. */
  adminMsp(org: RegulatorOrg): string {
    return join(this.orgDir(org), 'users', `Admin@${org.domain}`, 'msp');
  }

  /** The org's client identity, under which the gateway submits the department's transactions. */
  clientMsp(org: RegulatorOrg): string {
    return join(this.orgDir(org), 'users', `User1@${org.domain}`, 'msp');
  }

  log(processName: string): string { return join(this.logsDir, `${processName}.log`); }
  pid(processName: string): string { return join(this.pidsDir, `${processName}.pid`); }
  data(processName: string): string { return join(this.dataDir, processName); }
}
