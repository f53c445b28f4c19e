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
    // The gateway must never know it talks to an emulator: only the demo launcher (src/demo/)
    // loads the emulators package, which production installs leave out.
    files: ['src/**/*.ts'],
    ignores: ['src/demo/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@sessions-gateway/emulators', '@sessions-gateway/emulators/*', '**/emulators/**'], message: 'Only the demo launcher (src/demo/) may import the emulators.' }] },
      ],
    },
  },
  {
    // The emulators are a package of their own: they stand in for the providers and know
    // nothing of the gateway.
    files: ['emulators/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**', '**/test/**'], message: 'The emulators package may not import the gateway or its tests.' }] }],
    },
  },
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'codegen.ts', 'test/fixtures/*/vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
