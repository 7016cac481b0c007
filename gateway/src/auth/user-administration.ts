import { randomBytes } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { ROLES, type Department, type Role } from '../../../core/src/domain/departments.js';
import { AccessDeniedError, InvalidInputError, NotFoundError } from '../../../core/src/errors.js';
import type { AuthDirectory } from './credential-bootstrap.js';
import { writeFileAtomically } from '../atomic-file.js';
import type { AccessDirectory } from './session-store.js';
import type { UserSession } from '../../../core/src/domain/user-session.js';

export interface UserSummary {
  username: string;
  department: Department;
  role: Role;
}

const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;

/**
 * A department's admin manages that department's users, and nobody else's. Passwords are
 * generated (shown once, stored as argon2id); removing a user ends their sessions.
 */
export class UserAdministration {
  readonly #o: Readonly<{ directory: AuthDirectory; directoryPath: string; access: AccessDirectory }>;

  constructor(options: Readonly<{ directory: AuthDirectory; directoryPath: string; access: AccessDirectory }>) {
    this.#o = options;
  }

  list(admin: UserSession): UserSummary[] {
    this.#requireAdmin(admin);
    return this.#o.directory.users
      .filter((u) => u.department === admin.department)
      .map(({ username, department, role }) => ({ username, department, role }))
      .sort((a, b) => (a.username < b.username ? -1 : 1));
  }

  async create(admin: UserSession, username: unknown, role: unknown): Promise<UserSummary & { password: string }> {
    this.#requireAdmin(admin);
    if (typeof username !== 'string' || !USERNAME.test(username)) {
      throw new InvalidInputError('username', '3–64 characters: lower-case letters, digits, dot, dash, underscore');
    }
    if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) {
      throw new InvalidInputError('role', `must be one of ${ROLES.join(', ')}`);
    }
    if (this.#o.directory.users.some((u) => u.username === username)) throw new InvalidInputError('username', 'already exists');
    const password = randomBytes(12).toString('base64url');
    const user = { username, department: admin.department, role: role as Role, passwordHash: await hash(password) };
    this.#o.directory.users.push(user);
    await this.#persist();
    return { username, department: user.department, role: user.role, password };
  }

  async remove(admin: UserSession, username: string): Promise<void> {
    this.#requireAdmin(admin);
    const index = this.#o.directory.users.findIndex((u) => u.username === username && u.department === admin.department);
    if (index < 0) throw new NotFoundError(`user ${username}`);
    if (username === admin.username) throw new InvalidInputError('username', 'an admin cannot remove themselves');
    this.#o.directory.users.splice(index, 1);
    await this.#persist();
    await this.#o.access.logoutUser(username);
  }

  #requireAdmin(user: UserSession): void {
    if (user.role !== 'admin') throw new AccessDeniedError(`role ${user.role} may not manage users; admins do`);
  }

  async #persist(): Promise<void> {
    await writeFileAtomically(this.#o.directoryPath, `${JSON.stringify(this.#o.directory, null, 2)}\n`, 0o600);
  }
}
