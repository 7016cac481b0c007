/**
 * Failed logins, counted per username and per client address, so that guessing passwords
 * costs the guesser time rather than the platform CPU: once a key has too many recent
 * failures, further attempts are refused before the password is hashed (argon2 costs about
 * 100 ms of CPU an attempt). A username locks for a period that doubles with each further
 * failure; a successful login clears the username's count. Counts are in memory: a restart
 * forgets them, which only gives a guesser back a few attempts.
 */
export interface LoginThrottleOptions {
  /** Failures of one username before it locks. */
  maxFailuresPerUser: number;
  /** Failures from one address within `windowMs` before it is refused. */
  maxFailuresPerAddress: number;
  windowMs: number;
  /** First lock of a username; each further failure while locked doubles it, up to `windowMs`. */
  lockMs: number;
  clock?: () => number;
}

interface Failures { count: number; firstAt: number; lockedUntil: number }

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = {
  maxFailuresPerUser: 5, maxFailuresPerAddress: 30, windowMs: 15 * 60_000, lockMs: 30_000,
};

export class LoginThrottle {
  readonly #o: LoginThrottleOptions;
  readonly #now: () => number;
  readonly #byUser = new Map<string, Failures>();
  readonly #byAddress = new Map<string, Failures>();

  constructor(options: Partial<LoginThrottleOptions> = {}) {
    this.#o = { ...DEFAULT_LOGIN_THROTTLE, ...options };
    this.#now = options.clock ?? Date.now;
  }

  /** Seconds to wait before this attempt may be tried, or 0 if it may go ahead now. */
  retryAfterSeconds(username: string, address: string): number {
    const now = this.#now();
    const user = this.#current(this.#byUser, username, now);
    const from = this.#current(this.#byAddress, address, now);
    const waitMs = Math.max(user?.lockedUntil ?? 0, from?.lockedUntil ?? 0) - now;
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  }

  failed(username: string, address: string): void {
    const now = this.#now();
    const user = this.#bump(this.#byUser, username, now);
    if (user.count >= this.#o.maxFailuresPerUser) {
      const doublings = user.count - this.#o.maxFailuresPerUser;
      user.lockedUntil = now + Math.min(this.#o.windowMs, this.#o.lockMs * 2 ** doublings);
    }
    const from = this.#bump(this.#byAddress, address, now);
    if (from.count >= this.#o.maxFailuresPerAddress) from.lockedUntil = from.firstAt + this.#o.windowMs;
  }

  succeeded(username: string): void {
    this.#byUser.delete(username);
  }

  #current(map: Map<string, Failures>, key: string, now: number): Failures | undefined {
    const entry = map.get(key);
    if (entry && now - entry.firstAt > this.#o.windowMs && now >= entry.lockedUntil) {
      map.delete(key);
      return undefined;
    }
    return entry;
  }

  #bump(map: Map<string, Failures>, key: string, now: number): Failures {
    let entry = this.#current(map, key, now);
    if (!entry) {
      // Bounded memory under a flood of made-up usernames: the oldest entries go first.
      if (map.size >= 100_000) map.delete(map.keys().next().value as string);
      entry = { count: 0, firstAt: now, lockedUntil: 0 };
      map.set(key, entry);
    }
    entry.count++;
    return entry;
  }
}
