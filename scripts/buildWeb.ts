// `npm run build:web`: bundles the web example (Apollo Client included) into
// examples/web/dist/app.js, and the offline GraphiQL page into graphiql/dist/ (see
// buildGraphiql.ts), so neither page needs anything from the internet at runtime.
import path from 'node:path';
import { build } from 'esbuild';

import { projectRoot } from '../src/projectRoot.js';
import { buildGraphiql } from './buildGraphiql.js';
import { isMain } from './isMain.js';

/** Builds the example; resolves to the bundle's path. */
export async function buildWebExample(): Promise<string> {
  const root = path.join(projectRoot(), 'examples', 'web');
  const outfile = path.join(root, 'dist', 'app.js');
  await build({
    entryPoints: [path.join(root, 'src', 'main.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'warning',
  });
  return outfile;
}

if (isMain(import.meta.url)) {
  const [outfile, graphiqlDir] = await Promise.all([buildWebExample(), buildGraphiql()]);
  console.log(`Built ${path.relative(process.cwd(), outfile)} and ${path.relative(process.cwd(), graphiqlDir)}/`);
}
