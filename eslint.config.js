// Strict typescript-eslint on every TypeScript file; generated output and fetched material are ignored.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/**', '**/dist/**', 'data/**', '.cache/**', 'network-config/.build/**'] },
  ...tseslint.configs.strict,
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { require: 'readonly', module: 'writable', process: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  // Dependencies run one way: gateway → alerts → core → chaincode (each folder's README says so).
  layer('core/**/*.ts', ['gateway', 'alerts', 'monitor-ui']),
  layer('alerts/**/*.ts', ['gateway', 'monitor-ui']),
  layer('chaincode/**/*.ts', ['gateway', 'alerts', 'core', 'monitor-ui']),
  layer('monitor-ui/**/*.ts', ['gateway']),
  layer('network-config/**/*.ts', ['gateway', 'alerts', 'monitor-ui']),
);

/** A rule forbidding the files of one folder to import from the folders above it. */
function layer(files, forbidden) {
  return {
    files: [files],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: forbidden.map((folder) => ({
          group: [`**/${folder}/**`],
          message: `${files.split('/')[0]}/ may not import ${folder}/: see its README for what it may import.`,
        })),
      }],
    },
  };
}
