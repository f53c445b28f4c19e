import { pathToFileURL } from 'node:url';

/** Whether the module at `moduleUrl` is the script node was asked to run (not an import). */
export function isMain(moduleUrl: string): boolean {
  const entry = process.argv[1];
  return entry !== undefined && pathToFileURL(entry).href === moduleUrl;
}
