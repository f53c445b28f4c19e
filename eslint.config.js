// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Only the demo launcher (src/demo/) may import the emulators package. */
const NO_EMULATORS = {
  group: ['@sessions-gateway/emulators', '@sessions-gateway/emulators/*', '**/emulators/**'],
  message: 'Only the demo launcher (src/demo/) may import the emulators.',
};

/**
 * The layers of docs/architecture.md, top to bottom: a folder may import the ones below it,
 * never one above. Each entry: the files of a layer, and the import paths above it.
 */
/** `path` (a folder's `x/**` or a file) under src/, as a relative import from up to three folders deep spells it. */
const fromSrc = (...paths) => paths.flatMap((path) => ['../', '../../', '../../../'].map((up) => up + path));
const ABOVE = {
  server: fromSrc('server/**', 'schema.js', 'federation/**', 'demo/**'),
  resolvers: fromSrc('resolvers/**'),
  catalog: fromSrc('catalog/**'),
  changes: fromSrc('changes/**'),
  datasources: fromSrc('datasources/**'),
  transport: fromSrc('upstream/**', 'connections/**', 'observability/**', 'persistedOperations/**'),
};
const layers = [
  {
    files: ['src/resolvers/**/*.ts'],
    above: [...ABOVE.server],
    also: [
      { group: ABOVE.datasources, message: 'Resolvers call the catalog (src/catalog/), which calls the datasources.' },
      // A datasource reached through requireProvider is a datasource all the same.
      { group: fromSrc('catalog/requireProvider.js'), message: 'Resolvers call catalog functions (guideById, ...), not a datasource.' },
      {
        group: fromSrc('catalog/index.js'),
        importNames: ['requireProvider', 'ProviderSource'],
        message: 'Resolvers call catalog functions (guideById, ...), not a datasource.',
      },
    ],
  },
  { files: ['src/catalog/**/*.ts'], above: [...ABOVE.server, ...ABOVE.resolvers] },
  // Change detection reads through the datasources; the catalog reads the change log.
  { files: ['src/changes/**/*.ts'], above: [...ABOVE.server, ...ABOVE.resolvers, ...ABOVE.catalog] },
  { files: ['src/datasources/**/*.ts'], above: [...ABOVE.server, ...ABOVE.resolvers, ...ABOVE.catalog, ...ABOVE.changes] },
  {
    files: ['src/upstream/**/*.ts', 'src/connections/**/*.ts', 'src/observability/**/*.ts', 'src/persistedOperations/**/*.ts'],
    above: [...ABOVE.server, ...ABOVE.resolvers, ...ABOVE.catalog, ...ABOVE.changes, ...ABOVE.datasources],
  },
  {
    files: ['src/models/**/*.ts', 'src/errors/**/*.ts', 'src/ids/**/*.ts', 'src/validation/**/*.ts', 'src/datetime/**/*.ts', 'src/providers.ts'],
    above: [...ABOVE.server, ...ABOVE.resolvers, ...ABOVE.catalog, ...ABOVE.changes, ...ABOVE.datasources, ...ABOVE.transport],
  },
];

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
      'no-restricted-imports': ['error', { patterns: [NO_EMULATORS] }],
    },
  },
  {
    // The emulators are a package of their own: they stand in for the providers and know
    // nothing of the gateway.
    files: ['emulators/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/src/**', '**/test/**'], message: 'The emulators package may not import the gateway or its tests.' }] },
      ],
    },
  },
  // Layer boundaries (docs/architecture.md): a lower layer never imports a higher one.
  ...layers.map(({ files, above, also = [] }) => ({
    files,
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [NO_EMULATORS, { group: above, message: 'A lower layer must not import a higher one (docs/architecture.md).' }, ...also] },
      ],
    },
  })),
  {
    files: ['eslint.config.js', 'vitest.config.ts', 'codegen.ts', 'test/fixtures/*/vitest.config.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
);
