import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The Fabric release the network is built and tested with (see scripts/install-fabric-binaries.sh). */
export const FABRIC_RELEASE = 'v3.1.5';

/** network-config/ in this checkout. */
export const NETWORK_CONFIG_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = resolve(NETWORK_CONFIG_DIR, '..');

const COMMANDS = ['peer', 'orderer', 'configtxgen', 'cryptogen', 'osnadmin'] as const;
export type FabricCommand = (typeof COMMANDS)[number];

export interface FabricToolsOptions {
  /** Directory of the Fabric commands; default `$FABRIC_BIN_DIR` or the per-release cache. */
  readonly binDir?: string;
  /** Directory holding Fabric's base core.yaml and orderer.yaml; default `<binDir>/../config`. */
  readonly configDir?: string;
}

/** A command that exited non-zero, with what it printed (Fabric's CLIs explain themselves there). */
export class FabricCommandError extends Error {
  readonly code = 'FABRIC_COMMAND_FAILED';
  constructor(readonly command: string, readonly output: string, options?: { cause?: unknown }) {
    super(`${command} failed:\n${output.trim().split('\n').slice(-15).join('\n')}`, options);
    this.name = 'FabricCommandError';
  }
}

/**
 * The pinned Fabric module could not be had from the Go module proxy (install script exit 3):
 * an environment limit, not a defect of the network. Callers may report it and stop.
 */
export class FabricBinariesUnavailableError extends Error {
  readonly code = 'FABRIC_BINARIES_UNAVAILABLE';
  constructor(readonly binDir: string) {
    super(`Fabric ${FABRIC_RELEASE} commands are not installed in ${binDir} and the Go module proxy refused the pinned module; `
      + 'put prebuilt commands there (FABRIC_BIN_DIR) with Fabric\'s sampleconfig core.yaml and orderer.yaml in FABRIC_CFG_DIR');
    this.name = 'FabricBinariesUnavailableError';
  }
}

/** The installed Fabric commands and their base configuration. */
export class FabricTools {
  readonly binDir: string;
  readonly configDir: string;

  constructor(options: Readonly<FabricToolsOptions> = {}) {
    this.binDir = options.binDir ?? process.env.FABRIC_BIN_DIR
      ?? join(homedir(), '.cache', 'suptech', 'fabric', FABRIC_RELEASE, 'bin');
    this.configDir = options.configDir ?? process.env.FABRIC_CFG_DIR ?? join(dirname(this.binDir), 'config');
  }

  path(command: FabricCommand): string {
    return join(this.binDir, command);
  }

  get installed(): boolean {
    return COMMANDS.every((c) => existsSync(this.path(c)))
      && existsSync(join(this.configDir, 'core.yaml')) && existsSync(join(this.configDir, 'orderer.yaml'));
  }

  /**
   * Builds the pinned commands with Go if they are missing (minutes the first time, an
   * instant after). Output goes to this process's stderr so a long build is visible.
   */
  async ensureInstalled(): Promise<void> {
    if (this.installed) return;
    const script = join(NETWORK_CONFIG_DIR, 'scripts', 'install-fabric-binaries.sh');
    await new Promise<void>((resolvePromise, reject) => {
      const child = spawn('bash', [script], {
        env: { ...process.env, FABRIC_BIN_DIR: this.binDir, FABRIC_CFG_DIR: this.configDir },
        stdio: ['ignore', process.stderr, process.stderr],
      });
      child.on('error', reject);
      child.on('exit', (code) => {
        if (code === 0) resolvePromise();
        else if (code === 3) reject(new FabricBinariesUnavailableError(this.binDir));
        else reject(new Error(`install-fabric-binaries.sh exited with ${code ?? 'a signal'}`));
      });
    });
  }

  /** Runs a Fabric command to completion; throws {@link FabricCommandError} on failure. */
  async run(command: FabricCommand, args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<string> {
    try {
      const { stdout, stderr } = await execFileAsync(this.path(command), [...args], {
        env: { ...process.env, FABRIC_CFG_PATH: this.configDir, ...env },
        maxBuffer: 16 * 1024 * 1024,
      });
      return stdout + stderr;
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      throw new FabricCommandError(`${command} ${args.join(' ')}`, `${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: error });
    }
  }
}
