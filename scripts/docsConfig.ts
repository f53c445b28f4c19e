// `npm run docs:config`: writes docs/configuration.md from the configuration schema.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderConfigReference } from '../src/configReference.js';
import { projectRoot } from '../src/projectRoot.js';
import { isMain } from './isMain.js';

/** Where the generated reference is committed. */
export const CONFIG_REFERENCE_PATH = path.join(projectRoot(), 'docs', 'configuration.md');

if (isMain(import.meta.url)) {
  writeFileSync(CONFIG_REFERENCE_PATH, renderConfigReference());
  console.log(`Wrote ${path.relative(process.cwd(), CONFIG_REFERENCE_PATH)}`);
}
