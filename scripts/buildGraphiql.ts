// Part of `npm run build:web`: bundles the offline GraphiQL page (graphiql 5, React, Monaco
// and its web workers) into graphiql/dist/, served by the gateway at /graphiql, with the
// README's example operations as its tabs. Nothing in the page comes from the internet.
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

import { projectRoot } from '../src/projectRoot.js';
import { GRAPHIQL_DIST } from '../src/server/graphiql/graphiqlDist.js';
import { isMain } from './isMain.js';
import { readmeExamples } from './readmeExamples.js';

const PAGE = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Sessions Gateway — GraphiQL</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="./main.css" />
    <style>body { margin: 0; } #graphiql { height: 100vh; }</style>
  </head>
  <body>
    <div id="graphiql">Loading GraphiQL…</div>
    <script type="module" src="./main.js"></script>
  </body>
</html>
`;

/** Builds the page into graphiql/dist/; resolves to that folder. */
export async function buildGraphiql(): Promise<string> {
  const root = projectRoot();
  const examples = readmeExamples(await readFile(path.join(root, 'README.md'), 'utf8'));
  const common = {
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
    absWorkingDir: root,
  } as const;
  await Promise.all([
    build({
      ...common,
      entryPoints: { main: path.join(root, 'graphiql', 'src', 'main.tsx') },
      outdir: GRAPHIQL_DIST,
      format: 'esm',
      jsx: 'automatic',
      define: { ...common.define, __README_EXAMPLES__: JSON.stringify(JSON.stringify(examples)) },
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    }),
    // Monaco asks MonacoEnvironment.getWorker (graphiql/src/main.tsx) for these by label.
    build({
      ...common,
      entryPoints: {
        'workers/editor.worker': 'monaco-editor/esm/vs/editor/editor.worker.js',
        'workers/json.worker': 'monaco-editor/esm/vs/language/json/json.worker.js',
        'workers/graphql.worker': 'monaco-graphql/esm/graphql.worker.js',
      },
      outdir: GRAPHIQL_DIST,
      format: 'iife',
    }),
  ]);
  await writeFile(path.join(GRAPHIQL_DIST, 'index.html'), PAGE);
  return GRAPHIQL_DIST;
}

if (isMain(import.meta.url)) {
  const dir = await buildGraphiql();
  console.log(`Built ${path.relative(process.cwd(), dir)}/`);
}
