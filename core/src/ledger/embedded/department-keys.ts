import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { chmod, copyFile, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DepartmentKeyError } from './embedded-ledger-errors.js';

/**
 * Each member organisation's (department's) Ed25519 key pair, generated at first open
 * and kept as PKCS#8 PEM in a directory of its own, `<keys dir>/<DEPT>/signing-key.pem`
 * (directory 0700, file 0600): one department's key can be mounted, owned and backed up
 * apart from the others', and none of them sits with the data. Every proposal is signed by
 * its department's key and verified against the public key the genesis block registered.
 */
export class DepartmentKeyring {
  readonly #keys: ReadonlyMap<string, KeyObject>;

  private constructor(keys: ReadonlyMap<string, KeyObject>) {
    this.#keys = keys;
  }

  /**
   * Loads the private keys of `members` from `directory`, generating missing ones. A key in
   * the earlier flat layout (`<dir>/<DEPT>.key.pem`, in `directory` or one of
   * `legacyDirectories`) is moved into its department's directory first.
   */
  static async open(directory: string, members: readonly string[], legacyDirectories: readonly string[] = []): Promise<DepartmentKeyring> {
    await mkdir(directory, { recursive: true, mode: 0o700 });
    await chmod(directory, 0o700);
    const keys = new Map<string, KeyObject>();
    for (const department of members) {
      const own = join(directory, department);
      await mkdir(own, { recursive: true, mode: 0o700 });
      await chmod(own, 0o700);
      const file = join(own, 'signing-key.pem');
      for (const legacy of [directory, ...legacyDirectories]) {
        await moveIfPresent(join(legacy, `${department}.key.pem`), file);
        if (legacy !== directory) await moveIfPresent(join(legacy, department, 'signing-key.pem'), file);
      }
      keys.set(department, await loadOrGenerate(file));
    }
    return new DepartmentKeyring(keys);
  }

  /** SPKI PEM of the department's public key, as the genesis block records it. */
  publicKeyPem(department: string): string {
    return createPublicKey(this.#key(department)).export({ type: 'spki', format: 'pem' }).toString();
  }

  /** Base64 Ed25519 signature of `data` by the department. */
  sign(department: string, data: Uint8Array): string {
    return sign(null, data, this.#key(department)).toString('base64');
  }

  /** Refuses to run with a key that is not the one the network registered. */
  assertMatches(department: string, registeredPublicKeyPem: string): void {
    if (this.publicKeyPem(department) !== registeredPublicKeyPem) {
      throw new DepartmentKeyError(department, 'the private key on disk does not match the public key in the genesis block');
    }
  }

  #key(department: string): KeyObject {
    const key = this.#keys.get(department);
    if (key === undefined) throw new DepartmentKeyError(department, 'no key');
    return key;
  }
}

/** Whether `signature` (base64) is the Ed25519 signature of `data` under the SPKI PEM `publicKeyPem`. */
export function verifySignature(publicKeyPem: string, data: Uint8Array, signature: string): boolean {
  try {
    return verify(null, data, createPublicKey(publicKeyPem), Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

/** Moves `from` to `to` unless `to` exists or `from` does not (copy and delete across file systems). */
async function moveIfPresent(from: string, to: string): Promise<void> {
  try {
    await readFile(to);
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  try {
    await rename(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return;
    if (code !== 'EXDEV') throw error;
    await copyFile(from, to);
    await unlink(from);
  }
  await chmod(to, 0o600);
}

async function loadOrGenerate(path: string): Promise<KeyObject> {
  try {
    await chmod(path, 0o600);
    return createPrivateKey(await readFile(path, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const { privateKey } = generateKeyPairSync('ed25519');
  // 'wx' so that two processes racing on a fresh directory cannot overwrite each other's key.
  await writeFile(path, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600, flag: 'wx' });
  return privateKey;
}
