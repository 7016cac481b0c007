import { createHmac, randomBytes } from 'node:crypto';
import { chmod, mkdir, readdir, readFile, rename, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from './config.js';

/**
 * The pseudonymization key, kept apart from the data it pseudonymizes: with the key, a
 * list of candidate account ids re-identifies pseudonyms in a second, so a copy of the
 * data directory must not carry it. It comes, in this order, from
 * `SUPTECH_PSEUDONYMIZATION_KEY`, from `SUPTECH_PSEUDONYMIZATION_KEY_FILE`, or from the
 * secrets directory (`<secrets dir>/pseudonymization/v<N>.key`, the highest version is
 * current; created as v1 at first start). The data directory records only the key's
 * version and a fingerprint, so that a start with a different key, or with none, stops
 * with a message instead of silently pseudonymizing under another key.
 */
export interface PseudonymizationSecret {
  key: Buffer;
  /** The key's version: new records are pseudonymized under it. */
  version: number;
  /** Where the key came from (a variable's name or a file), for the startup log; never the key. */
  source: string;
}

export interface PseudonymizationKeyOptions {
  dataDir: string;
  secretsDir: string;
  /** `SUPTECH_PSEUDONYMIZATION_KEY`, decoded. */
  envKey?: Buffer;
  /** `SUPTECH_PSEUDONYMIZATION_KEY_FILE`. */
  keyFile?: string;
  /** Version of an externally given key (default 1). */
  externalVersion?: number;
  /** Told of what was done to files (a legacy key moved), for the log. */
  onNote?: (message: string) => void;
}

interface KeyStamp { version: number; fingerprint: string }

const STAMP_FILE = 'pseudonymization-key.json';

/** An HMAC under the key of a fixed label: it tells keys apart and reveals nothing of pseudonyms. */
function fingerprint(key: Buffer): string {
  return createHmac('sha256', key).update('suptech pseudonymization key fingerprint v1').digest('hex').slice(0, 32);
}

/** Reads a base64 key file, refusing one that others may read. */
async function readKeyFile(file: string): Promise<Buffer> {
  const { mode } = await stat(file);
  if ((mode & 0o077) !== 0) {
    throw new ConfigError(`${file}: the pseudonymization key is readable by others (mode ${(mode & 0o777).toString(8)}); chmod 600 ${file}`);
  }
  const key = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  if (key.length < 32) throw new ConfigError(`${file}: the pseudonymization key is shorter than 32 bytes`);
  return key;
}

/** Versions present in the secrets directory, highest first. */
async function storedVersions(dir: string): Promise<number[]> {
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => { if (error.code === 'ENOENT') return []; throw error; });
  return names.map((n) => /^v([1-9]\d{0,5})\.key$/.exec(n)?.[1]).filter((v): v is string => v !== undefined).map(Number).sort((a, b) => b - a);
}

/** Moves the key of a data directory from before (`<data dir>/secrets/pseudonymization.key`) into the secrets directory. */
async function migrateLegacyKey(options: Readonly<PseudonymizationKeyOptions>, keyDir: string): Promise<void> {
  const legacy = path.join(options.dataDir, 'secrets', 'pseudonymization.key');
  let legacyKey: Buffer;
  try {
    legacyKey = Buffer.from((await readFile(legacy, 'utf8')).trim(), 'base64');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const versions = await storedVersions(keyDir);
  if (versions.length > 0) {
    const current = await readKeyFile(path.join(keyDir, `v${String(versions.at(-1))}.key`));
    if (!current.equals(legacyKey)) throw new ConfigError(`${legacy}: a pseudonymization key in the data directory differs from the one in ${keyDir}; keep the right one and delete the other`);
    await unlink(legacy);
  } else {
    await rename(legacy, path.join(keyDir, 'v1.key')).catch(async (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EXDEV') throw error;
      await writeFile(path.join(keyDir, 'v1.key'), `${legacyKey.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
      await unlink(legacy);
    });
    await chmod(path.join(keyDir, 'v1.key'), 0o600);
  }
  await rmdir(path.dirname(legacy)).catch(() => undefined);
  options.onNote?.(`moved the pseudonymization key out of the data directory into ${keyDir}`);
}

async function readStamp(dataDir: string): Promise<KeyStamp | undefined> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, STAMP_FILE), 'utf8')) as KeyStamp;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The current pseudonymization key (see the module comment for where it comes from). */
export async function loadPseudonymizationKey(options: Readonly<PseudonymizationKeyOptions>): Promise<PseudonymizationSecret> {
  if (options.envKey && options.keyFile) throw new ConfigError('SUPTECH_PSEUDONYMIZATION_KEY and SUPTECH_PSEUDONYMIZATION_KEY_FILE: set one, not both');
  const keyDir = path.join(options.secretsDir, 'pseudonymization');
  await mkdir(keyDir, { recursive: true, mode: 0o700 });
  await chmod(options.secretsDir, 0o700);
  await chmod(keyDir, 0o700);
  await migrateLegacyKey(options, keyDir);
  const stamp = await readStamp(options.dataDir);
  let secret: PseudonymizationSecret | undefined;
  if (options.envKey) secret = { key: options.envKey, version: options.externalVersion ?? 1, source: 'SUPTECH_PSEUDONYMIZATION_KEY' };
  else if (options.keyFile) secret = { key: await readKeyFile(options.keyFile), version: options.externalVersion ?? 1, source: options.keyFile };
  else {
    const [current] = await storedVersions(keyDir);
    if (current !== undefined) {
      const file = path.join(keyDir, `v${String(current)}.key`);
      secret = { key: await readKeyFile(file), version: current, source: file };
    }
  }
  if (!secret) {
    if (stamp) {
      throw new ConfigError(`no pseudonymization key found for ${options.dataDir} (its records are under key version ${String(stamp.version)}, fingerprint ${stamp.fingerprint}): `
        + `set SUPTECH_PSEUDONYMIZATION_KEY, SUPTECH_PSEUDONYMIZATION_KEY_FILE or SUPTECH_SECRETS_DIR (looked in ${keyDir})`);
    }
    const file = path.join(keyDir, 'v1.key');
    const key = randomBytes(32);
    await writeFile(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
    secret = { key, version: 1, source: file };
  }
  const print = fingerprint(secret.key);
  if (stamp && stamp.version === secret.version && stamp.fingerprint !== print) {
    throw new ConfigError(`the pseudonymization key from ${secret.source} is not key version ${String(stamp.version)} that ${options.dataDir} was pseudonymized with (fingerprint ${stamp.fingerprint}, given ${print})`);
  }
  if (stamp && stamp.version !== secret.version) {
    // Another version would pseudonymize new records so that they no longer join the stored ones.
    throw new ConfigError(`the pseudonymization key from ${secret.source} is version ${String(secret.version)}, but ${options.dataDir} is pseudonymized under version ${String(stamp.version)}; changing versions needs re-keying the stored records, which this platform does not do yet`);
  }
  if (!stamp) {
    await writeFile(path.join(options.dataDir, STAMP_FILE), `${JSON.stringify({ version: secret.version, fingerprint: print })}\n`, { mode: 0o600 });
  }
  return secret;
}
