import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Department } from '../../core/src/domain/departments.js';
import { generateChannelBlock } from './channel-config.js';
import { startChaincodeServer } from './chaincode-server.js';
import { buildContract } from './contract-build.js';
import { ContractDeployment } from './contract-deployment.js';
import { writeConnectionProfile } from './connection-profile-writer.js';
import { generateCryptoMaterial } from './crypto-material.js';
import { FabricTools } from './fabric-tools.js';
import { runningPid, stopNodeProcess } from './node-process.js';
import { joinOrdererToChannel, ordererProcessName, startOrderer } from './orderer-node.js';
import { joinPeerToChannel, peerHeight, peerProcessName, peersKnown, queryPeer, startPeer } from './peer-node.js';
import { RunLayout } from './run-layout.js';
import { buildTopology, orgOf, sequentialPorts, type NetworkTopology, type OrderingConsensus } from './topology.js';

export interface SupervisionNetworkOptions {
  /** Run directory: crypto material, ledgers, logs, pids. Never inside a committed path. */
  readonly runDir: string;
  /** Ports for a new network; default a fixed layout from 27050. Ignored when the run dir already has one. */
  readonly ports?: readonly number[];
  readonly consensus?: OrderingConsensus;
  readonly tools?: FabricTools;
  /** Contract sources; default chaincode/src. */
  readonly contractSourceDir?: string;
  /** Progress lines (bring-up takes tens of seconds); default silent. */
  readonly log?: (line: string) => void;
}

/** What `up` did, with the time of each phase in milliseconds. */
export interface BringUpReport {
  readonly reused: boolean;
  readonly phases: Readonly<Record<string, number>>;
  readonly totalMs: number;
  readonly connectionProfile: string;
}

interface ReadyState { packageId: string }

/** A network process exited during bring-up (typically a port taken meanwhile); retrying cannot help. */
export class NodeProcessExitedError extends Error {
  readonly code = 'NODE_PROCESS_EXITED';
  constructor(readonly processName: string, logTail: string) {
    super(`${processName} exited during bring-up; end of its log:\n${logTail}`);
    this.name = 'NodeProcessExitedError';
  }
}

/** Retries `attempt` until it resolves or `timeoutMs` passes (processes take a moment to listen). */
async function retry<T>(attempt: () => Promise<T>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (error instanceof NodeProcessExitedError || Date.now() > deadline) throw error;
      await sleep(500);
    }
  }
}

/**
 * The five regulators' Fabric network on one host, as plain processes: ordering nodes,
 * one peer and one chaincode server per department. `up` is idempotent: a complete network
 * whose processes stopped is restarted on its existing ledgers; anything incomplete is
 * rebuilt from scratch.
 */
export class SupervisionNetwork {
  readonly layout: RunLayout;
  readonly topology: NetworkTopology;
  readonly tools: FabricTools;
  readonly #options: Readonly<SupervisionNetworkOptions>;

  constructor(options: Readonly<SupervisionNetworkOptions>) {
    this.#options = options;
    this.layout = new RunLayout(options.runDir);
    this.tools = options.tools ?? new FabricTools();
    const consensus = options.consensus ?? 'BFT';
    this.topology = existsSync(this.layout.topologyFile)
      ? JSON.parse(readFileSync(this.layout.topologyFile, 'utf8')) as NetworkTopology
      : buildTopology({ ports: options.ports ?? sequentialPorts(27050, consensus), consensus });
  }

  get connectionProfilePath(): string { return this.layout.connectionProfile; }

  async up(): Promise<BringUpReport> {
    const started = Date.now();
    const phases: Record<string, number> = {};
    const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
      const t = Date.now();
      this.#log(`${name}…`);
      const result = await work();
      phases[name] = Date.now() - t;
      return result;
    };
    await phase('binaries', () => this.tools.ensureInstalled());
    const previous = this.#readyState();
    if (!previous) await this.#prepareFreshRun(phase);
    await phase('orderers', () => this.#startOrderers());
    await phase('peers', () => this.#startPeers());
    const moduleDir = await phase('contract build', () => buildContract({ sourceDir: this.#options.contractSourceDir }));
    const deployment = new ContractDeployment({ tools: this.tools, layout: this.layout, topology: this.topology });
    const packageId = previous?.packageId ?? await phase('contract package', () => deployment.package());
    for (const org of this.topology.orgs) startChaincodeServer({ layout: this.layout, topology: this.topology, org, packageId, moduleDir });
    if (!(await deployment.isCommitted())) {
      await phase('contract install', () => deployment.installEverywhere());
      await phase('contract approve', () => deployment.approveEverywhere(packageId));
      await phase('contract commit', () => retry(() => deployment.commit(), 30_000));
    }
    await phase('gossip membership', () => this.#awaitGossip(this.topology.orgs.map((o) => o.department)));
    const connectionProfile = writeConnectionProfile(this.layout, this.topology);
    // Written last: its presence means a complete network, which a later `up` only restarts.
    writeFileSync(this.layout.readyFile, JSON.stringify({ packageId } satisfies ReadyState));
    const totalMs = Date.now() - started;
    this.#log(`network up in ${(totalMs / 1000).toFixed(1)} s; connection profile ${connectionProfile}`);
    return { reused: previous !== undefined, phases, totalMs, connectionProfile };
  }

  /** An incomplete run directory is not repaired but replaced: stop what it started, start over. */
  async #prepareFreshRun(phase: <T>(name: string, work: () => Promise<T>) => Promise<T>): Promise<void> {
    await this.#stopAll();
    rmSync(this.layout.root, { recursive: true, force: true });
    mkdirSync(this.layout.root, { recursive: true });
    writeFileSync(this.layout.topologyFile, JSON.stringify(this.topology, null, 2));
    await phase('crypto material', () => generateCryptoMaterial(this.tools, this.layout, this.topology));
    await phase('channel genesis block', () => generateChannelBlock(this.tools, this.layout, this.topology));
  }

  /** Stops every process of this network; with `purge`, deletes the run directory too. */
  async down(options: { purge?: boolean } = {}): Promise<void> {
    await this.#stopAll();
    if (options.purge) rmSync(this.layout.root, { recursive: true, force: true });
  }

  /**
   * Kills every process of this network at once, synchronously: for a process `exit` handler,
   * where nothing asynchronous runs any more (a test run that ends abnormally).
   */
  killNow(): void {
    if (!existsSync(this.layout.pidsDir)) return;
    for (const file of readdirSync(this.layout.pidsDir)) {
      const pid = runningPid(join(this.layout.pidsDir, file));
      if (pid === undefined) continue;
      try { process.kill(-pid, 'SIGKILL'); } catch { /* already gone */ }
    }
  }

  /** Stops one department's peer (its ledger stays), as an outage would. */
  async stopPeer(department: Department): Promise<void> {
    await stopNodeProcess(this.layout.pid(peerProcessName(orgOf(this.topology, department))));
  }

  /** Starts a department's peer again on its existing ledger; it then catches up from the orderers. */
  async startPeer(department: Department): Promise<void> {
    const org = orgOf(this.topology, department);
    startPeer(this.tools, this.layout, this.topology, org);
    await retry(() => peerHeight(this.tools, this.layout, this.topology, org), 30_000);
    await this.#awaitGossip([department]);
  }

  /**
   * Waits until each listed department's peer knows every other peer through gossip, so that
   * service discovery can plan endorsements by any majority right away.
   */
  async #awaitGossip(departments: readonly Department[]): Promise<void> {
    const others = this.topology.orgs.length - 1;
    await Promise.all(departments.map((department) => retry(async () => {
      const known = await peersKnown(this.topology, orgOf(this.topology, department));
      if (known < others) throw new Error(`${department}'s peer knows ${known} of ${others} other peers`);
    }, 60_000)));
  }

  isPeerRunning(department: Department): boolean {
    return runningPid(this.layout.pid(peerProcessName(orgOf(this.topology, department)))) !== undefined;
  }

  /** A department's peer's block height on the channel. */
  peerHeight(department: Department): Promise<number> {
    return peerHeight(this.tools, this.layout, this.topology, orgOf(this.topology, department));
  }

  /** Queries the contract on one department's own peer (not through discovery). */
  queryPeer(department: Department, fn: string, args: readonly string[]): Promise<unknown> {
    return queryPeer(this.tools, this.layout, this.topology, orgOf(this.topology, department), fn, args);
  }

  async #startOrderers(): Promise<void> {
    for (const node of this.topology.orderers) startOrderer(this.tools, this.layout, this.topology, node);
    await Promise.all(this.topology.orderers.map((node) => retry(async () => {
      this.#requireRunning(ordererProcessName(node));
      await joinOrdererToChannel(this.tools, this.layout, this.topology, node);
    }, 30_000)));
  }

  async #startPeers(): Promise<void> {
    for (const org of this.topology.orgs) startPeer(this.tools, this.layout, this.topology, org);
    await Promise.all(this.topology.orgs.map((org) => retry(async () => {
      this.#requireRunning(peerProcessName(org));
      await joinPeerToChannel(this.tools, this.layout, this.topology, org);
    }, 30_000)));
  }

  /** Fails fast, with the log's last lines, when a process has died instead of starting to listen. */
  #requireRunning(processName: string): void {
    if (runningPid(this.layout.pid(processName)) !== undefined) return;
    const log = existsSync(this.layout.log(processName)) ? readFileSync(this.layout.log(processName), 'utf8') : '';
    const tail = log.split('\n').filter((l) => /PANI|FATA|ERRO|panic:/.test(l)).slice(-3).join('\n') || log.split('\n').slice(-5).join('\n');
    throw new NodeProcessExitedError(processName, tail);
  }

  async #stopAll(): Promise<void> {
    if (!existsSync(this.layout.pidsDir)) return;
    // Chaincode servers and peers first, orderers last, so no peer logs a lost orderer for nothing.
    const pidFiles = readdirSync(this.layout.pidsDir).sort((a, b) => Number(a.startsWith('orderer')) - Number(b.startsWith('orderer')));
    await Promise.all(pidFiles.filter((f) => !f.startsWith('orderer')).map((f) => stopNodeProcess(join(this.layout.pidsDir, f))));
    await Promise.all(pidFiles.filter((f) => f.startsWith('orderer')).map((f) => stopNodeProcess(join(this.layout.pidsDir, f))));
  }

  #readyState(): ReadyState | undefined {
    if (!existsSync(this.layout.readyFile)) return undefined;
    return JSON.parse(readFileSync(this.layout.readyFile, 'utf8')) as ReadyState;
  }

  #log(line: string): void {
    this.#options.log?.(`[fabric] ${line}`);
  }
}
