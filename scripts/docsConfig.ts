// `npm run docs:config`: writes docs/configuration.md from the configuration schema.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

import { projectRoot } from '../src/projectRoot.js';
import { renderConfigReference, renderEnvExample } from './configReference.js';
import { isMain } from './isMain.js';

/** Where the generated reference is committed. */
export const CONFIG_REFERENCE_PATH = path.join(projectRoot(), 'docs', 'configuration.md');

/** The example environment, generated from the same source. */
export const ENV_EXAMPLE_PATH = path.join(projectRoot(), '.env.example');

if (isMain(import.meta.url)) {
  writeFileSync(CONFIG_REFERENCE_PATH, renderConfigReference());
  writeFileSync(ENV_EXAMPLE_PATH, renderEnvExample());
  console.log(`Wrote ${path.relative(process.cwd(), CONFIG_REFERENCE_PATH)} and ${path.relative(process.cwd(), ENV_EXAMPLE_PATH)}`);
}
