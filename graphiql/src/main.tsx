// The offline GraphiQL page served at /graphiql (bundled by scripts/buildGraphiql.ts).
// Everything it loads — scripts, styles, fonts (inlined in graphiql's stylesheet) and
// Monaco's web workers — comes from the gateway itself, so it works with no network.
import { createGraphiQLFetcher, type Fetcher } from '@graphiql/toolkit';
import { GraphiQL } from 'graphiql';

import 'graphiql/style.css';

import { Kind, parse } from 'graphql';
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
const sendToGateway = createGraphiQLFetcher({ url: new URL('/graphql', window.location.href).href });

/** The operation names a document defines (none when it does not parse: the server says why). */
function operationNames(query: string): string[] {
  try {
    return parse(query).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : []));
  } catch {
    return [];
  }
}

// GraphiQL 5 can send the operation name of the tab it restored from storage (e.g. the README's
// `HomeSchedule`) with a query typed into a new tab, which the server refuses as an unknown
// operation: send a name only when the document defines it.
const fetcher: Fetcher = (params, options) => {
  const { operationName, ...rest } = params;
  return sendToGateway(operationName && operationNames(params.query).includes(operationName) ? params : rest, options);
};

createRoot(document.getElementById('graphiql')!).render(<GraphiQL fetcher={fetcher} defaultTabs={examples.map((query) => ({ query }))} />);
