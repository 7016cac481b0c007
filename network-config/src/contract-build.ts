import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { NETWORK_CONFIG_DIR, REPO_ROOT } from './fabric-tools.js';

const execFileAsync = promisify(execFile);

/** Where compiled contracts live (ignored by git and eslint), one directory per source version. */
export const CONTRACT_BUILDS_DIR = join(NETWORK_CONFIG_DIR, '.build');

export interface ContractBuildOptions {
  /** The contract's TypeScript sources; default chaincode/src. */
  readonly sourceDir?: string;
}

/** Every .ts file under `dir` except tests, sorted, so the digest is stable. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
}

/** Digest of the sources' names and contents: the build's identity. */
function sourceDigest(sourceDir: string): string {
  const hash = createHash('sha256');
  for (const file of sourceFiles(sourceDir)) hash.update(file).update('\0').update(readFileSync(join(sourceDir, file))).update('\0');
  return hash.digest('hex').slice(0, 16);
}

async function compile(sourceDir: string, outDir: string): Promise<void> {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', rootDir: sourceDir, outDir: join(outDir, 'dist'),
      strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true,
      skipLibCheck: true, types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules', '@types')], sourceMap: true,
    },
    files: sourceFiles(sourceDir).map((f) => join(sourceDir, f)),
  };
  writeFileSync(join(outDir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  // No "type" field: the build is CommonJS, which fabric-contract-api's loader `require`s,
  // although the repository itself is an ES module package.
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({
    name: 'suptech-supervision-chaincode', version: '1.0.0', private: true, main: 'dist/index.js',
  }, null, 2));
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await execFileAsync(process.execPath, [tsc, '-p', join(outDir, 'tsconfig.json')], { cwd: REPO_ROOT });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`contract in ${relative(REPO_ROOT, sourceDir)} does not compile:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: error });
  }
}

/**
 * Compiles the contract with tsc into a module that `fabric-chaincode-node server` can load:
 * a package.json whose `main` exports `contracts`. Each version of the sources gets its own
 * directory, written under a temporary name and renamed into place, so running chaincode
 * servers and concurrent test runs never see a half-written build, and an unchanged contract
 * is not compiled again. Builds sit inside the repository so that `fabric-contract-api`
 * resolves from the repository's node_modules.
 */
export async function buildContract(options: Readonly<ContractBuildOptions> = {}): Promise<string> {
  const sourceDir = options.sourceDir ?? join(REPO_ROOT, 'chaincode', 'src');
  const outDir = join(CONTRACT_BUILDS_DIR, `chaincode-${sourceDigest(sourceDir)}`);
  if (existsSync(join(outDir, 'dist', 'index.js'))) return outDir;
  mkdirSync(CONTRACT_BUILDS_DIR, { recursive: true });
  const staging = mkdtempSync(join(CONTRACT_BUILDS_DIR, 'staging-'));
  try {
    await compile(sourceDir, staging);
    try {
      renameSync(staging, outDir);
    } catch (error) {
      // Another run finished the same build first; theirs is identical.
      if (!existsSync(join(outDir, 'dist', 'index.js'))) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return outDir;
}
