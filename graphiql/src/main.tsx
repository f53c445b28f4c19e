// The offline GraphiQL page served at /graphiql (bundled by scripts/buildGraphiql.ts).
// Everything it loads — scripts, styles, fonts (inlined in graphiql's stylesheet) and
// Monaco's web workers — comes from the gateway itself, so it works with no network.
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';
import 'graphiql/style.css';
import { createRoot } from 'react-dom/client';

// The README's example operations, parsed from README.md at build time (JSON text).
declare const __README_EXAMPLES__: string;
const examples = JSON.parse(__README_EXAMPLES__) as string[];

// Monaco's workers are bundled beside this script (dist/workers/), never fetched from a CDN.
const workerUrl = (name: string): URL => new URL(`./workers/${name}.worker.js`, import.meta.url);
(globalThis as { MonacoEnvironment?: unknown }).MonacoEnvironment = {
  getWorker(_workerId: string, label: string): Worker {
    if (label === 'json') return new Worker(workerUrl('json'));
    if (label === 'graphql') return new Worker(workerUrl('graphql'));
    return new Worker(workerUrl('editor'));
  },
};

// The endpoint is this gateway's /graphql, whatever host and port served the page.
const fetcher = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).href });

createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher} defaultTabs={examples.map((query) => ({ query }))} />);
