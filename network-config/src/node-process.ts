import { spawn } from 'node:child_process';
import { mkdirSync, openSync, closeSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** A long-running network process (orderer, peer, chaincode server) started detached. */
export interface NodeProcessOptions {
  readonly name: string;
  readonly command: string;
  readonly args: readonly string[];
  readonly env: Readonly<Record<string, string>>;
  readonly cwd?: string;
  readonly logFile: string;
  readonly pidFile: string;
}

/** True if a process with this id exists (signal 0 only checks). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(pidFile: string): number | undefined {
  if (!existsSync(pidFile)) return undefined;
  const pid = Number.parseInt(readFileSync(pidFile, 'utf8'), 10);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/** The pid recorded for a process, if that process is still running. */
export function runningPid(pidFile: string): number | undefined {
  const pid = readPid(pidFile);
  return pid !== undefined && alive(pid) ? pid : undefined;
}

/**
 * Starts the process in its own process group, output appended to its log file, and records
 * its pid. The process outlives this Node process (that is what `fabric:up` needs); it is
 * ended by {@link stopNodeProcess}. Does nothing if the recorded process is still running.
 */
export function startNodeProcess(options: Readonly<NodeProcessOptions>): number {
  const existing = runningPid(options.pidFile);
  if (existing !== undefined) return existing;
  mkdirSync(dirname(options.logFile), { recursive: true });
  mkdirSync(dirname(options.pidFile), { recursive: true });
  const log = openSync(options.logFile, 'a');
  try {
    const child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      detached: true,
      stdio: ['ignore', log, log],
    });
    if (child.pid === undefined) throw new Error(`could not start ${options.name} (${options.command})`);
    child.unref();
    writeFileSync(options.pidFile, String(child.pid));
    return child.pid;
  } finally {
    closeSync(log);
  }
}

/**
 * Ends the recorded process group: SIGTERM, then SIGKILL after `graceMs`. Only the
 * process this network started (its pid file) is signalled, never anything by name.
 */
export async function stopNodeProcess(pidFile: string, graceMs = 5000): Promise<void> {
  const pid = runningPid(pidFile);
  if (pid !== undefined) {
    signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + graceMs;
    while (alive(pid) && Date.now() < deadline) await sleep(100);
    if (alive(pid)) signalGroup(pid, 'SIGKILL');
    while (alive(pid)) await sleep(50);
  }
  rmSync(pidFile, { force: true });
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // The group may already be gone; fall back to the process itself.
    try { process.kill(pid, signal); } catch { /* already exited */ }
  }
}
