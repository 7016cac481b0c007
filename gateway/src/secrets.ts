import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * The pseudonymization key: 32 random bytes created at first start under
 * `<data dir>/secrets/` (mode 0600). Losing it breaks the link between old and new
 * pseudonyms, so it is created once and never rotated implicitly.
 */
export async function loadOrCreatePseudonymizationKey(dataDir: string): Promise<Buffer> {
  const file = path.join(dataDir, 'secrets', 'pseudonymization.key');
  try {
    const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
    if (key.length < 32) throw new Error(`${file}: key shorter than 32 bytes`);
    return key;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const key = randomBytes(32);
  await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return key;
}
