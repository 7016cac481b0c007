import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { hash } from '@node-rs/argon2';
import { DEPARTMENTS, type Department, type Role } from '../../../core/src/domain/departments.js';
import type { Institution } from '../../../core/src/domain/institution-registry.js';
import { writeFileAtomically } from '../atomic-file.js';

/** `<data dir>/credentials.json` (shared INTERFACES.md): the secrets handed to people. */
export interface CredentialsFile {
  institutions: { code: string; apiKey: string; name?: string; kind?: string }[];
  users: { username: string; password: string; department: Department; role: Role }[];
}

/** What the platform keeps to check credentials: hashes only. */
export interface AuthDirectory {
  institutions: (Institution & { apiKeySha256: string })[];
  users: { username: string; passwordHash: string; department: Department; role: Role }[];
}

const BOOTSTRAP_ROLES: readonly Role[] = ['analyst', 'reviewer', 'auditor', 'admin'];

export function apiKeyDigest(apiKey: string): string {
  return createHash('sha256').update(apiKey, 'utf8').digest('hex');
}

/**
 * New random credentials for `users` and `institutions`: the plaintext hand-over and the
 * hashes the platform keeps (argon2id for passwords, SHA-256 for high-entropy API keys).
 */
export async function issueCredentials(
  users: readonly { username: string; department: Department; role: Role }[], institutions: readonly Institution[],
): Promise<{ credentials: CredentialsFile; directory: AuthDirectory }> {
  const secret = (bytes: number): string => randomBytes(bytes).toString('base64url');
  const credentials: CredentialsFile = {
    institutions: institutions.map((i) => ({ code: i.code, name: i.name, kind: i.kind, apiKey: `sk_${secret(24)}` })),
    users: users.map((u) => ({ username: u.username, password: secret(12), department: u.department, role: u.role })),
  };
  const directory: AuthDirectory = {
    institutions: institutions.map((i, n) => ({ code: i.code, name: i.name, kind: i.kind, apiKeySha256: apiKeyDigest(credentials.institutions[n]!.apiKey) })),
    users: await Promise.all(credentials.users.map(async (u) => ({
      username: u.username, department: u.department, role: u.role, passwordHash: await hash(u.password),
    }))),
  };
  return { credentials, directory };
}

/** Writes the hashes the platform keeps and the plaintext hand-over (both 0600). */
export async function writeCredentials(dataDir: string, issued: Readonly<{ credentials: CredentialsFile; directory: AuthDirectory }>): Promise<string> {
  const credentialsPath = path.join(dataDir, 'credentials.json');
  const directoryPath = path.join(dataDir, 'auth', 'directory.json');
  await mkdir(path.dirname(directoryPath), { recursive: true, mode: 0o700 });
  await writeFileAtomically(directoryPath, `${JSON.stringify(issued.directory, null, 2)}\n`, 0o600);
  await writeFileAtomically(credentialsPath, `${JSON.stringify(issued.credentials, null, 2)}\n`, 0o600);
  return credentialsPath;
}

/**
 * Loads the auth directory; at first start generates random credentials (an API key per
 * institution, one user per department and role), writes them to credentials.json
 * (mode 0600) for the operator to hand out, and keeps only hashes in auth/directory.json.
 */
export async function loadOrCreateCredentials(
  dataDir: string, institutions: readonly Institution[],
): Promise<{ directory: AuthDirectory; credentialsPath: string; created: boolean }> {
  const credentialsPath = path.join(dataDir, 'credentials.json');
  const directoryPath = path.join(dataDir, 'auth', 'directory.json');
  try {
    const directory = JSON.parse(await readFile(directoryPath, 'utf8')) as AuthDirectory;
    return { directory, credentialsPath, created: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const users = DEPARTMENTS.flatMap((department) => BOOTSTRAP_ROLES.map((role) => ({ username: `${department.toLowerCase()}.${role}`, department, role })));
  const issued = await issueCredentials(users, institutions);
  await writeCredentials(dataDir, issued);
  return { directory: issued.directory, credentialsPath, created: true };
}
