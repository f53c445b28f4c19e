import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulators, type EmulatorSet } from '../../src/emulators/index.js';
import { projectRoot } from '../../src/projectRoot.js';

// `npm run build` then `npm run start:prod`: the compiled gateway runs on plain Node,
// finds its SDL from dist/src/, and imports nothing from devDependencies.

const root = projectRoot();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string>; scripts: Record<string, string> };
// `node <heap flags> dist/src/index.js`, word for word from the start:prod script.
const startProd = pkg.scripts['start:prod']!.split(/\s+/);

let emulators: EmulatorSet;
let gateway: ChildProcess | undefined;

beforeAll(async () => {
  await promisify(execFile)(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.build.json'], { cwd: root });
  emulators = await startEmulators();
}, 120_000);

afterAll(async () => {
  gateway?.kill('SIGTERM');
  await emulators?.close();
});

function jsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? jsFiles(full) : name.endsWith('.js') ? [full] : [];
  });
}

describe('the production build', () => {
  it('imports only runtime dependencies (and Node built-ins)', () => {
    const packages = new Set<string>();
    for (const file of jsFiles(path.join(root, 'dist', 'src'))) {
      for (const match of readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*['"]([^'"./][^'"]*)['"]/g)) {
        const specifier = match[1]!;
        if (specifier.startsWith('node:')) continue;
        packages.add(specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!);
      }
    }
    expect(packages.size).toBeGreaterThan(5);
    // Every package the build imports is declared itself (graphql-armor's rules included),
    // never reached through another package's dependencies.
    const runtime = new Set([...Object.keys(pkg.dependencies)]);
    const outside = [...packages].filter((name) => !runtime.has(name));
    expect(outside).toEqual([]);
  });

  it('runs in the image as start:prod runs it: same Node flags, same entry', () => {
    const cmd = /^CMD (\[.*\])$/m.exec(readFileSync(path.join(root, 'Dockerfile'), 'utf8'))?.[1];
    expect(JSON.parse(cmd ?? '[]')).toEqual(startProd);
    expect(startProd.slice(-1)).toEqual(['dist/src/index.js']);
  });

  it('starts as `npm run start:prod` does, serves GraphQL from the compiled SDL, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, startProd.slice(1), {
      cwd: root,
      env: { PATH: process.env.PATH, ...emulators.env, PORT: '0', HOST: '127.0.0.1', NODE_ENV: 'production', LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    gateway = child;
    let output = '';
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const match = /ready at (http:\/\/\S+\/graphql)/.exec(output);
        if (match) resolve(match[1]!);
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${output}`)));
    });
    const health = await request(new URL('/healthz', url));
    expect(health.statusCode).toBe(200);
    await health.body.text();
    const answer = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ sessions(first: 2) { totalCount } }' }) });
    expect(await answer.body.json()).toEqual({ data: { sessions: { totalCount: 2323 } } });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    gateway = undefined;
  }, 60_000);
});
