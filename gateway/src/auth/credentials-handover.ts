import { chmod, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../../../core/src/logger.js';
import { issueCredentials, writeCredentials, type AuthDirectory } from './credential-bootstrap.js';

/**
 * `credentials.json` is the first-start hand-over (shared INTERFACES.md): the only place
 * plaintext passwords and API keys are ever written. The platform itself keeps hashes
 * (`auth/directory.json`). The file is meant to be read once, handed out and deleted; while
 * it exists every start says so, and `suptech credentials reset` issues new credentials.
 */
export async function warnIfCredentialsFileRemains(dataDir: string, logger: Logger): Promise<boolean> {
  const file = path.join(dataDir, 'credentials.json');
  let mode: number;
  try {
    ({ mode } = await stat(file));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  if ((mode & 0o077) !== 0) await chmod(file, 0o600);
  logger.warn({ file }, `${file} still holds plaintext passwords and API keys: hand them out, then delete it (suptech credentials reset issues new ones)`);
  return true;
}

/**
 * Replaces every user's password and every institution's API key by new random ones,
 * keeping users, departments, roles and institutions; writes the new hashes and a new
 * hand-over file, and ends every stored session (a reset answers a suspected leak). The old
 * credentials stop working at the next start of the server, which must not be running
 * meanwhile (it holds the directory in memory).
 */
export async function resetCredentials(dataDir: string): Promise<{ credentialsPath: string; users: number; institutions: number }> {
  const directoryPath = path.join(dataDir, 'auth', 'directory.json');
  let directory: AuthDirectory;
  try {
    directory = JSON.parse(await readFile(directoryPath, 'utf8')) as AuthDirectory;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(`${directoryPath} does not exist: start the platform once on ${dataDir} first`);
    throw error;
  }
  const issued = await issueCredentials(directory.users, directory.institutions);
  const credentialsPath = await writeCredentials(dataDir, issued);
  await rm(path.join(dataDir, 'auth', 'sessions.json'), { force: true });
  return { credentialsPath, users: issued.credentials.users.length, institutions: issued.credentials.institutions.length };
}
