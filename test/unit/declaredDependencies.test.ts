import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

import { projectRoot } from '../../src/projectRoot.js';

// Every package the code imports is declared in package.json itself — never reached through
// another package's dependencies (as graphql-armor's rules were, under the umbrella package
// that nothing imported). What ships (src/) needs `dependencies`; the rest may use either.
// (The production build's own check, test/operations/productionBuild.test.ts, reads dist/.)

const root = projectRoot();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const builtins = new Set(builtinModules);
const IMPORT = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === 'dist' || name === 'peers') return [];
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sourceFiles(full) : /\.(?:ts|tsx|mts|js|mjs)$/.test(name) ? [full] : [];
  });
}

/** The packages imported by the files under `folders` (bare specifiers, Node built-ins left out). */
function importedPackages(folders: string[]): Map<string, string> {
  const packages = new Map<string, string>();
  for (const file of folders.flatMap((folder) => sourceFiles(path.join(root, folder)))) {
    for (const [, specifier] of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      if (/^[./]/.test(specifier!) || specifier!.startsWith('node:')) continue;
      const name = specifier!.startsWith('@') ? specifier!.split('/').slice(0, 2).join('/') : specifier!.split('/')[0]!;
      if (!builtins.has(name)) packages.set(name, path.relative(root, file));
    }
  }
  return packages;
}

describe('dependencies are declared as imported', () => {
  it('src/ imports only packages declared in dependencies', () => {
    const imported = importedPackages(['src']);
    expect(imported.size).toBeGreaterThan(5);
    const undeclared = [...imported].filter(([name]) => !(name in pkg.dependencies)).map(([name, file]) => `${name} (${file})`);
    expect(undeclared).toEqual([]);
  });

  it('tests, benchmarks, scripts and examples import only declared packages', () => {
    const imported = importedPackages(['test', 'bench', 'scripts', 'examples', 'graphiql']);
    expect(imported.size).toBeGreaterThan(5);
    const declared = { ...pkg.dependencies, ...pkg.devDependencies };
    const undeclared = [...imported].filter(([name]) => !(name in declared)).map(([name, file]) => `${name} (${file})`);
    expect(undeclared).toEqual([]);
  });
});
