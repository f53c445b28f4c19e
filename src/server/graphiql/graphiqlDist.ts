import path from 'node:path';

import { projectRoot } from '../../projectRoot.js';

/** The offline GraphiQL page's build output (`npm run build:web`), served at /graphiql. */
export const GRAPHIQL_DIST = path.join(projectRoot(), 'graphiql', 'dist');
