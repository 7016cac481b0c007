import { randomBytes, timingSafeEqual } from 'node:crypto';
import { verify } from '@node-rs/argon2';
import type { AuthDirectory } from './credential-bootstrap.js';
import { apiKeyDigest } from './credential-bootstrap.js';
import type { Institution } from '../../../core/src/domain/institution-registry.js';
import type { UserSession } from '../../../core/src/domain/user-session.js';

/**
 * Department users' sessions and institutions' API keys. Sessions are random 256-bit
 * tokens held in memory with an absolute expiry; a restart logs everyone out, which is
 * the safe failure.
 */
export class AccessDirectory {
  readonly #directory: AuthDirectory;
  readonly #ttlMs: number;
  readonly #clock: () => Date;
  readonly #sessions = new Map<string, UserSession>();
  readonly #endedListeners = new Set<(token: string) => void>();

  constructor(options: Readonly<{ directory: AuthDirectory; sessionTtlMinutes: number; clock?: () => Date }>) {
    this.#directory = options.directory;
    this.#ttlMs = options.sessionTtlMinutes * 60_000;
    this.#clock = options.clock ?? (() => new Date());
  }

  /**
   * Tells `listener` the token of every session that ends (logout, user removed, expiry), so
   * that what the session opened besides HTTP requests, its live sockets, closes with it.
   * Returns the function that unsubscribes.
   */
  onSessionEnded(listener: (token: string) => void): () => void {
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
    const session: UserSession = {
      token: randomBytes(32).toString('base64url'), username: user.username, department: user.department,
      role: user.role, expiresAt: new Date(this.#clock().getTime() + this.#ttlMs),
    };
    this.#sessions.set(session.token, session);
    return session;
  }

  session(token: string | undefined): UserSession | undefined {
    if (!token) return undefined;
    const session = this.#sessions.get(token);
    if (!session) return undefined;
    if (session.expiresAt.getTime() <= this.#clock().getTime()) {
      this.#end(token);
      return undefined;
    }
    return session;
  }

  logout(token: string): void {
    this.#end(token);
  }

  /** Ends every session of a user (removed or disabled). */
  logoutUser(username: string): void {
    for (const [token, s] of this.#sessions) if (s.username === username) this.#end(token);
  }

  /** The institution an API key belongs to. */
  institutionOfKey(apiKey: string | undefined): Institution | undefined {
    if (!apiKey) return undefined;
    const digest = Buffer.from(apiKeyDigest(apiKey), 'hex');
    return this.#directory.institutions.find((i) => timingSafeEqual(Buffer.from(i.apiKeySha256, 'hex'), digest));
  }

  #sweep(): void {
    const now = this.#clock().getTime();
    for (const [token, s] of this.#sessions) if (s.expiresAt.getTime() <= now) this.#end(token);
  }

  #end(token: string): void {
    if (!this.#sessions.delete(token)) return;
    for (const listener of this.#endedListeners) listener(token);
  }
}

// argon2id hash of a random throwaway password, used only to equalize login timing.
const DUMMY_HASH = '$argon2id$v=19$m=19456,t=2,p=1$mekN/q/QybK/RonP1te/9A$hUV0gT2KZXaUxQdqfrIaZynVkWd5Ij4uVqKCBic/uso';
