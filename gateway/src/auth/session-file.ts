import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Department, Role } from '../../../core/src/domain/departments.js';
import { writeFileAtomically } from '../atomic-file.js';

/** A session as kept on disk: the token's digest, never the token. */
export interface StoredSession {
  /** SHA-256 (hex) of the session token: what a request's token is looked up by. */
  id: string;
  username: string;
  department: Department;
  role: Role;
  expiresAt: string;
}

/** The session id of a token: its SHA-256, so that a copy of the file cannot be replayed as tokens. */
export function sessionIdOf(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * `<data dir>/auth/sessions.json` (0600): the sessions that survive a restart. Writes are
 * atomic and queued one after another, so the file always holds one complete snapshot.
 */
export class SessionFile {
  readonly #path: string;
  #writing: Promise<void> = Promise.resolve();

  constructor(options: Readonly<{ path: string }>) {
    this.#path = options.path;
  }

  get path(): string { return this.#path; }

  /** The stored sessions (none when the file does not exist yet). */
  async read(): Promise<StoredSession[]> {
    try {
      const parsed = JSON.parse(await readFile(this.#path, 'utf8')) as { sessions?: unknown };
      return Array.isArray(parsed.sessions) ? (parsed.sessions as StoredSession[]).filter(isStoredSession) : [];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  /** Replaces the file's content with `sessions` once the writes queued before have finished. */
  write(sessions: readonly StoredSession[]): Promise<void> {
    const text = `${JSON.stringify({ sessions }, null, 1)}\n`;
    this.#writing = this.#writing.catch(() => undefined).then(() => writeFileAtomically(this.#path, text, 0o600));
    return this.#writing;
  }
}

function isStoredSession(value: unknown): value is StoredSession {
  const s = value as Partial<StoredSession> | null;
  return typeof s === 'object' && s !== null && typeof s.id === 'string' && /^[0-9a-f]{64}$/.test(s.id)
    && typeof s.username === 'string' && typeof s.department === 'string' && typeof s.role === 'string'
    && typeof s.expiresAt === 'string' && !Number.isNaN(Date.parse(s.expiresAt));
}
