import { randomBytes, timingSafeEqual } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { AuthDirectory } from './credential-bootstrap.js';
import { apiKeyDigest } from './credential-bootstrap.js';
import type { Institution } from '../../../core/src/domain/institution-registry.js';
import type { UserSession } from '../../../core/src/domain/user-session.js';
import { sessionIdOf, type SessionFile, type StoredSession } from './session-file.js';

/**
 * Department users' sessions and institutions' API keys. Sessions are random 256-bit
 * tokens with an absolute expiry, looked up by the token's SHA-256 (the session id): with a
 * {@link SessionFile} they survive a restart, and the file holds digests only, so a copy of it
 * logs nobody in.
 */
export class AccessDirectory {
  readonly #directory: AuthDirectory;
  readonly #ttlMs: number;
  readonly #clock: () => Date;
  readonly #file: SessionFile | undefined;
  readonly #sessions = new Map<string, Omit<UserSession, 'token'>>();
  readonly #endedListeners = new Set<(sessionId: string) => void>();

  constructor(options: Readonly<{ directory: AuthDirectory; sessionTtlMinutes: number; clock?: () => Date; sessions?: SessionFile }>) {
    this.#directory = options.directory;
    this.#ttlMs = options.sessionTtlMinutes * 60_000;
    this.#clock = options.clock ?? (() => new Date());
    this.#file = options.sessions;
  }

  /**
   * Takes back the sessions stored before a restart: those not expired whose user still
   * exists with the same department and role. Answers how many.
   */
  async restore(): Promise<number> {
    if (!this.#file) return 0;
    const now = this.#clock().getTime();
    for (const s of await this.#file.read()) {
      const user = this.#directory.users.find((u) => u.username === s.username);
      const expiresAt = new Date(s.expiresAt);
      if (!user || user.department !== s.department || user.role !== s.role || expiresAt.getTime() <= now) continue;
      this.#sessions.set(s.id, { username: s.username, department: user.department, role: user.role, expiresAt });
    }
    await this.#persist();
    return this.#sessions.size;
  }

  /** The id of a token's session (its SHA-256): what {@link onSessionEnded} listeners are told. */
  sessionIdOf(token: string): string {
    return sessionIdOf(token);
  }

  /**
   * Tells `listener` the id of every session that ends (logout, user removed, expiry), so
   * that what the session opened besides HTTP requests, its live sockets, closes with it.
   * Returns the function that unsubscribes.
   */
  onSessionEnded(listener: (sessionId: string) => void): () => void {
    this.#endedListeners.add(listener);
    return () => { this.#endedListeners.delete(listener); };
  }

  get institutions(): readonly Institution[] {
    return this.#directory.institutions;
  }

  /** Checks a password; answers a new session or undefined (same answer for unknown user and wrong password). */
  async login(username: string, password: string): Promise<UserSession | undefined> {
    // The directory is read at each login: users added or removed by an admin take effect at once.
    const user = this.#directory.users.find((u) => u.username === username);
    // Verify against a fixed hash for unknown users so timing does not reveal which usernames exist.
    const ok = await verify(user?.passwordHash ?? DUMMY_HASH, password).catch(() => false);
    if (!user || !ok) return undefined;
    this.#sweep();
    const token = randomBytes(32).toString('base64url');
    const session: UserSession = {
      token, username: user.username, department: user.department,
      role: user.role, expiresAt: new Date(this.#clock().getTime() + this.#ttlMs),
    };
    const { token: _token, ...kept } = session;
    this.#sessions.set(sessionIdOf(token), kept);
    await this.#persist();
    return session;
  }

  session(token: string | undefined): UserSession | undefined {
    if (!token) return undefined;
    const id = sessionIdOf(token);
    const session = this.#sessions.get(id);
    if (!session) return undefined;
    if (session.expiresAt.getTime() <= this.#clock().getTime()) {
      this.#end(id);
      void this.#persist().catch(() => undefined);
      return undefined;
    }
    return { ...session, token };
  }

  /** Ends a session; resolves once the ending is stored. */
  async logout(token: string): Promise<void> {
    this.#end(sessionIdOf(token));
    await this.#persist();
  }

  /** Ends every session of a user (removed or disabled). */
  async logoutUser(username: string): Promise<void> {
    for (const [id, s] of this.#sessions) if (s.username === username) this.#end(id);
    await this.#persist();
  }

  /** The institution an API key belongs to. */
  institutionOfKey(apiKey: string | undefined): Institution | undefined {
    if (!apiKey) return undefined;
    const digest = Buffer.from(apiKeyDigest(apiKey), 'hex');
    // A revoked key's digest is empty: it matches nothing (and timingSafeEqual needs equal lengths).
    return this.#directory.institutions.find((i) => i.apiKeySha256.length === 64 && timingSafeEqual(Buffer.from(i.apiKeySha256, 'hex'), digest));
  }

  #sweep(): void {
    const now = this.#clock().getTime();
    for (const [id, s] of this.#sessions) if (s.expiresAt.getTime() <= now) this.#end(id);
  }

  #end(id: string): void {
    if (!this.#sessions.delete(id)) return;
    for (const listener of this.#endedListeners) listener(id);
  }

  async #persist(): Promise<void> {
    if (!this.#file) return;
    const stored: StoredSession[] = [...this.#sessions].map(([id, s]) => ({
      id, username: s.username, department: s.department, role: s.role, expiresAt: s.expiresAt.toISOString(),
    }));
    await this.#file.write(stored);
  }
}

// argon2id hash of a random throwaway password, used only to equalize login timing.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$mekN/q/QybK/RonP1te/9A$hUV0gT2KZXaUxQdqfrIaZynVkWd5Ij4uVqKCBic/uso';
