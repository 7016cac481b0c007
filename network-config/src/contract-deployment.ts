import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { majorityEndorsementPolicy } from './channel-config.js';
import { FabricCommandError, type FabricTools } from './fabric-tools.js';
import { peerAdminEnv } from './peer-node.js';
import type { RunLayout } from './run-layout.js';
import type { NetworkTopology } from './topology.js';

const execFileAsync = promisify(execFile);

/** Contract definition version and sequence; a new contract version bumps both. */
const VERSION = '1.0';
const SEQUENCE = 1;
const LABEL = `supervision_${VERSION}`;

export interface ContractDeploymentOptions {
  readonly tools: FabricTools;
  readonly layout: RunLayout;
  readonly topology: NetworkTopology;
}

/**
 * The Fabric chaincode lifecycle for the supervision contract as a service: one package
 * (type `ccaas`, only a connection.json inside), installed on every peer, approved by every
 * regulator with the majority endorsement policy, then committed to the channel.
 */
export class ContractDeployment {
  readonly #tools: FabricTools;
  readonly #layout: RunLayout;
  readonly #topology: NetworkTopology;

  constructor(options: Readonly<ContractDeploymentOptions>) {
    this.#tools = options.tools;
    this.#layout = options.layout;
    this.#topology = options.topology;
  }

  /** Writes the ccaas package and answers its package id (`label:sha256`). */
  async package(): Promise<string> {
    const work = mkdtempSync(join(tmpdir(), 'suptech-ccaas-'));
    try {
      // The address is a placeholder: each peer's builder substitutes its org's own server.
      writeFileSync(join(work, 'connection.json'), JSON.stringify({
        address: `${this.#topology.host}:0`, dial_timeout: '10s', tls_required: false,
      }, null, 2));
      writeFileSync(join(work, 'metadata.json'), JSON.stringify({ type: 'ccaas', label: LABEL }));
      await execFileAsync('tar', ['-C', work, '-czf', join(work, 'code.tar.gz'), 'connection.json']);
      await execFileAsync('tar', ['-C', work, '-czf', this.#layout.chaincodePackage, 'metadata.json', 'code.tar.gz']);
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    const out = await this.#tools.run('peer', ['lifecycle', 'chaincode', 'calculatepackageid', this.#layout.chaincodePackage]);
    return out.trim();
  }

  /** Installs the package on every peer (an already installed package is fine). */
  async installEverywhere(): Promise<void> {
    await Promise.all(this.#topology.orgs.map(async (org) => {
      try {
        await this.#tools.run('peer', ['lifecycle', 'chaincode', 'install', this.#layout.chaincodePackage],
          peerAdminEnv(this.#layout, this.#topology, org));
      } catch (error) {
        if (!(error instanceof FabricCommandError && error.output.includes('already successfully installed'))) throw error;
      }
    }));
  }

  /** True once the definition is committed on the channel (so a second `up` skips the lifecycle). */
  async isCommitted(): Promise<boolean> {
    try {
      await this.#tools.run('peer', ['lifecycle', 'chaincode', 'querycommitted',
        '--channelID', this.#topology.channel, '--name', this.#topology.chaincodeName],
      peerAdminEnv(this.#layout, this.#topology, this.#topology.orgs[0]!));
      return true;
    } catch {
      return false;
    }
  }

  /** Every regulator approves the same definition; each waits for its approval to commit. */
  async approveEverywhere(packageId: string): Promise<void> {
    await Promise.all(this.#topology.orgs.map((org) => this.#tools.run('peer', [
      'lifecycle', 'chaincode', 'approveformyorg', ...this.#definitionArgs(), '--package-id', packageId,
    ], peerAdminEnv(this.#layout, this.#topology, org))));
  }

  /** Commits the definition, endorsed by every regulator's peer (the lifecycle needs a majority). */
  async commit(): Promise<void> {
    const peers = this.#topology.orgs.flatMap((org) => [
      '--peerAddresses', `${this.#topology.host}:${org.peerPort}`, '--tlsRootCertFiles', this.#layout.peerTlsCa(org),
    ]);
    await this.#tools.run('peer', ['lifecycle', 'chaincode', 'commit', ...this.#definitionArgs(), ...peers],
      peerAdminEnv(this.#layout, this.#topology, this.#topology.orgs[0]!));
  }

  #definitionArgs(): string[] {
    const orderer = this.#topology.orderers[0]!;
    return [
      '-o', `${this.#topology.host}:${orderer.port}`, '--tls', '--cafile', this.#layout.ordererTlsCa(this.#topology),
      '--channelID', this.#topology.channel, '--name', this.#topology.chaincodeName,
      '--version', VERSION, '--sequence', String(SEQUENCE),
      '--signature-policy', majorityEndorsementPolicy(this.#topology),
    ];
  }
}
