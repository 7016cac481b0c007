import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { NETWORK_CONFIG_DIR, REPO_ROOT } from './fabric-tools.js';

const execFileAsync = promisify(execFile);

/** Where the compiled contract lives (ignored by git and eslint). */
export const CONTRACT_BUILD_DIR = join(NETWORK_CONFIG_DIR, '.build', 'chaincode');

export interface ContractBuildOptions {
  /** The contract's TypeScript sources; default chaincode/src. */
  readonly sourceDir?: string;
  readonly outDir?: string;
}

/**
 * Compiles the contract with tsc into a CommonJS module that `fabric-chaincode-node server`
 * can load: a package.json whose `main` exports `contracts`. The repository is an ES module
 * package; the generated package.json (no "type") makes the build directory CommonJS, which
 * is what fabric-contract-api's loader `require`s. The build directory sits inside the
 * repository so that `fabric-contract-api` resolves from the repository's node_modules.
 */
export async function buildContract(options: Readonly<ContractBuildOptions> = {}): Promise<string> {
  const sourceDir = options.sourceDir ?? join(REPO_ROOT, 'chaincode', 'src');
  const outDir = options.outDir ?? CONTRACT_BUILD_DIR;
  rmSync(join(outDir, 'dist'), { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022', module: 'commonjs', moduleResolution: 'node10', rootDir: sourceDir, outDir: join(outDir, 'dist'),
      strict: true, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true,
      skipLibCheck: true, types: ['node'], typeRoots: [join(REPO_ROOT, 'node_modules', '@types')], sourceMap: true,
    },
    include: [join(sourceDir, '**', '*.ts')],
    exclude: [join(sourceDir, '**', '*.test.ts')],
  };
  writeFileSync(join(outDir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  writeFileSync(join(outDir, 'package.json'), JSON.stringify({
    name: 'suptech-supervision-chaincode', version: '1.0.0', private: true, main: 'dist/index.js',
  }, null, 2));
  const tsc = join(REPO_ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    await execFileAsync(process.execPath, [tsc, '-p', join(outDir, 'tsconfig.json')], { cwd: REPO_ROOT });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`contract does not compile:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: error });
  }
  return outDir;
}
