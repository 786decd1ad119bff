import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', 'runs/**', '**/*.wasm', '**/build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
    rules: { 'no-restricted-exports': ['error', { restrictDefaultExports: { direct: true } }] },
  },
  {
    // Library code never blocks on device reads (STYLE.md §4.2), never exits, never prints.
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', 'packages/cli-kit/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        { property: 'dataSync', message: 'await t.data() once per batch instead' },
        { property: 'arraySync', message: 'await t.array() once per batch instead' },
        { property: 'bufferSync', message: 'await t.buffer() once per batch instead' },
        { object: 'process', property: 'exit', message: 'libraries throw RecurrentError' },
      ],
      'no-console': 'error',
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', performance: 'readonly', setTimeout: 'readonly' } },
  },
);
