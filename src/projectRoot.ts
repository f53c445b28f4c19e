import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let cached: string | undefined;

/**
 * The folder holding the project's `package.json` — the repository when run from `src/`
 * with tsx, the image's app folder when run from `dist/src/` — so files shipped beside the
 * code (`schema/`, `examples/`) are found the same way in both.
 */
export function projectRoot(): string {
  if (cached !== undefined) return cached;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('Cannot find the project root (no package.json above the gateway code).');
    dir = parent;
  }
  cached = dir;
  return dir;
}
