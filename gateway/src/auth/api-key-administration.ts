import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Department } from '../../../core/src/domain/departments.js';
import { AccessDeniedError, NotFoundError } from '../../../core/src/errors.js';
import type { UserSession } from '../../../core/src/domain/user-session.js';
import { writeFileAtomically } from '../atomic-file.js';
import { apiKeyDigest, type AuthDirectory } from './credential-bootstrap.js';

/** An institution as its keys' administrators see it: never a key, never a digest. */
export interface InstitutionKeyState {
  code: string;
  name: string;
  kind: string;
  state: 'active' | 'revoked';
  rotatedAt?: string;
  revokedAt?: string;
}

type DirectoryInstitution = AuthDirectory['institutions'][number] & { rotatedAt?: string; revokedAt?: string };

/** A new random key, and the directory entry changed to accept it alone. */
export function rotateInDirectory(directory: AuthDirectory, code: string, now: Date): string {
  const institution = find(directory, code);
  const apiKey = `sk_${randomBytes(24).toString('base64url')}`;
  institution.apiKeySha256 = apiKeyDigest(apiKey);
  institution.rotatedAt = now.toISOString();
  delete institution.revokedAt;
  return apiKey;
}

/** The institution's key stops working; it sends nothing until a new key is issued. */
export function revokeInDirectory(directory: AuthDirectory, code: string, now: Date): void {
  const institution = find(directory, code);
  // An empty digest matches no key (see AccessDirectory.institutionOfKey).
  institution.apiKeySha256 = '';
  institution.revokedAt = now.toISOString();
}

function find(directory: AuthDirectory, code: string): DirectoryInstitution {
  const institution = directory.institutions.find((i) => i.code === code) as DirectoryInstitution | undefined;
  if (!institution) throw new NotFoundError(`institution ${code}`);
  return institution;
}

function stateOf(i: DirectoryInstitution): InstitutionKeyState {
  return {
    code: i.code, name: i.name, kind: i.kind, state: i.apiKeySha256 === '' ? 'revoked' : 'active',
    ...(i.rotatedAt ? { rotatedAt: i.rotatedAt } : {}), ...(i.revokedAt ? { revokedAt: i.revokedAt } : {}),
  };
}

/**
 * Institutions' API keys, managed by the platform operator's admins: rotation issues a new
 * key (shown once; the old one stops working at once) and revocation withdraws it. Only the
 * SHA-256 of a key is kept, in `auth/directory.json`, which the server reads at every request.
 */
export class ApiKeyAdministration {
  readonly #o: Readonly<{ directory: AuthDirectory; directoryPath: string; operator: Department; clock?: () => Date }>;

  constructor(options: Readonly<{ directory: AuthDirectory; directoryPath: string; operator: Department; clock?: () => Date }>) {
    this.#o = options;
  }

  list(admin: UserSession): InstitutionKeyState[] {
    this.#requireOperatorAdmin(admin);
    return this.#o.directory.institutions.map((i) => stateOf(i));
  }

  async rotate(admin: UserSession, code: string): Promise<{ code: string; apiKey: string }> {
    this.#requireOperatorAdmin(admin);
    const apiKey = rotateInDirectory(this.#o.directory, code, this.#now());
    await this.#persist();
    return { code, apiKey };
  }

  async revoke(admin: UserSession, code: string): Promise<InstitutionKeyState> {
    this.#requireOperatorAdmin(admin);
    revokeInDirectory(this.#o.directory, code, this.#now());
    await this.#persist();
    return stateOf(find(this.#o.directory, code));
  }

  #now(): Date { return (this.#o.clock ?? (() => new Date()))(); }

  #requireOperatorAdmin(user: UserSession): void {
    if (user.role !== 'admin' || user.department !== this.#o.operator) {
      throw new AccessDeniedError(`institutions' API keys are managed by the admins of ${this.#o.operator}, the platform operator`);
    }
  }

  async #persist(): Promise<void> {
    await writeFileAtomically(this.#o.directoryPath, `${JSON.stringify(this.#o.directory, null, 2)}\n`, 0o600);
  }
}

/** For the CLI, with the server stopped: rotates or revokes a key in `<data dir>/auth/directory.json`. */
export async function changeApiKeyOffline(dataDir: string, code: string, action: 'rotate' | 'revoke'): Promise<string | undefined> {
  const directoryPath = path.join(dataDir, 'auth', 'directory.json');
  const directory = JSON.parse(await readFile(directoryPath, 'utf8')) as AuthDirectory;
  const apiKey = action === 'rotate' ? rotateInDirectory(directory, code, new Date()) : (revokeInDirectory(directory, code, new Date()), undefined);
  await writeFileAtomically(directoryPath, `${JSON.stringify(directory, null, 2)}\n`, 0o600);
  return apiKey;
}
