import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';

/**
 * Where a ledger's signing keys live, recorded in the ledger directory (`keys.json`, a path,
 * no secret): the keys are kept apart from the block log, and whoever opens the ledger later
 * (the server, the CLI, a test, a copy of the ledger) finds the same keys. A path inside the
 * ledger directory is kept relative, so that a copied development ledger keeps its own.
 */
const FILE = 'keys.json';

/** The recorded keys directory of the ledger in `directory`, absolute, or undefined for a ledger that records none. */
export async function readKeysLocation(directory: string): Promise<string | undefined> {
  try {
    const { keysDirectory } = JSON.parse(await readFile(join(directory, FILE), 'utf8')) as { keysDirectory?: unknown };
    return typeof keysDirectory === 'string' && keysDirectory !== '' ? resolve(directory, keysDirectory) : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Records `keysDirectory` as the ledger's. */
export async function writeKeysLocation(directory: string, keysDirectory: string): Promise<void> {
  const inside = relative(directory, keysDirectory);
  const recorded = !inside.startsWith('..') && !isAbsolute(inside) ? inside : resolve(keysDirectory);
  await writeFile(join(directory, FILE), `${JSON.stringify({ keysDirectory: recorded })}\n`, { mode: 0o600 });
}
