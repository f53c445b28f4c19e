// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'src/__generated__/', 'coverage/', 'examples/generated/', 'examples/web/dist/', 'graphiql/dist/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-syntax': ['error', { selector: 'ExportDefaultDeclaration', message: 'Use named exports (STYLE.md).' }],
    },
  },
  {
    // src/ outside the emulators must never know it talks to an emulator.
    files: ['src/**/*.ts'],
    ignores: ['src/emulators/**', 'src/demo/**'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/emulators/**'], message: 'Only the demo launcher may import emulators.' }] }],
    },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'codegen.ts', 'test/fixtures/*/vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
