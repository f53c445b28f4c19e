import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as emulatorsPackage from '@sessions-gateway/emulators';
import { startEmulators, type EmulatorSet } from '@sessions-gateway/emulators';
import { request } from 'undici';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { EMULATORS_PACKAGE, type EmulatorsModule } from '../../src/demo/importEmulators.js';
import { projectRoot } from '../../src/projectRoot.js';
import { oracleConferences } from '../support/conferenceOracle.js';

// `npm run build` then `npm run start:prod`: the compiled gateway runs on plain Node,
// finds its SDL from dist/src/, and imports nothing from devDependencies. The emulators are a
// workspace package and a dev dependency (issue 18): the build and a production install
// carry none of them, and demo mode there is refused in one line.

// The demo launcher types the package it loads by a narrow interface (its import specifier
// is a variable, so the build does not follow it): this line fails to compile if the
// package's `startEmulators` stops matching it.
void (emulatorsPackage satisfies EmulatorsModule);

/** The emulators' own dependencies: none may be a runtime dependency of the gateway. */
const EMULATOR_DEPENDENCIES = ['@faker-js/faker', 'find-my-way', 'busboy', 'sift'];

const root = projectRoot();
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
};
// `node <heap flags> dist/src/index.js`, word for word from the start:prod script.
const startProd = pkg.scripts['start:prod']!.split(/\s+/);

let emulators: EmulatorSet;
let gateway: ChildProcess | undefined;

beforeAll(async () => {
  // From scratch, so what is checked is what this build emits (not an older build's leftovers).
  rmSync(path.join(root, 'dist', 'src'), { recursive: true, force: true });
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

  it("carries no emulator code and none of the emulators' dependencies", () => {
    const emitted = jsFiles(path.join(root, 'dist', 'src')).map((file) => path.relative(root, file));
    expect(emitted).toContain(path.join('dist', 'src', 'demo', 'startDemo.js'));
    expect(emitted.filter((file) => /emulators/i.test(path.dirname(file)))).toEqual([]);
    expect(readdirSync(path.join(root, 'dist'))).not.toContain('emulators');
    // The only mention of the package is the launcher's specifier constant.
    const mentions = emitted.filter((file) => {
      const source = readFileSync(path.join(root, file), 'utf8');
      return EMULATOR_DEPENDENCIES.some((name) => source.includes(`'${name}`)) || source.includes('createGuidebookEmulator');
    });
    expect(mentions).toEqual([]);
    for (const name of EMULATOR_DEPENDENCIES) expect(pkg.dependencies).not.toHaveProperty(name);
    expect(pkg.dependencies).not.toHaveProperty(EMULATORS_PACKAGE);
    expect(pkg.devDependencies).toHaveProperty(EMULATORS_PACKAGE);
  });

  it('is installed in the image without the emulators workspace', () => {
    const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const deps = /FROM \S+ AS deps\n([\s\S]*?)\nFROM /.exec(dockerfile)?.[1] ?? '';
    // npm installs workspaces even with --omit=dev: --workspaces=false leaves them out.
    expect(deps).toMatch(/npm ci --omit=dev --workspaces=false/);
    expect(deps).not.toMatch(/COPY[^\n]*emulators/);
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
    const answer = await request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ sessions(first: 2) { totalCount } }' }),
    });
    // Every Guidebook guide and every Planstone conference the demo env lists, counted from the seed records.
    const seeded = oracleConferences().reduce((sum, conference) => sum + new Set(conference.sessions.map((s) => s.sourceId)).size, 0);
    expect(await answer.body.json()).toEqual({ data: { sessions: { totalCount: seeded } } });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    gateway = undefined;
  }, 60_000);

  it('refuses DEMO=true without the emulators package (a production install): exit 1, one line', async () => {
    // A production install beside the build: package.json, dist/, and node_modules without
    // the emulators package or its dependencies (each other package linked from ours).
    const app = mkdtempSync(path.join(tmpdir(), 'gateway-prod-'));
    try {
      cpSync(path.join(root, 'package.json'), path.join(app, 'package.json'));
      cpSync(path.join(root, 'dist', 'src'), path.join(app, 'dist', 'src'), { recursive: true });
      mkdirSync(path.join(app, 'node_modules'));
      const left = new Set(['@sessions-gateway', ...EMULATOR_DEPENDENCIES.map((name) => name.split('/')[0]!)]);
      for (const name of readdirSync(path.join(root, 'node_modules'))) {
        if (left.has(name) || name.startsWith('.')) continue;
        symlinkSync(path.join(root, 'node_modules', name), path.join(app, 'node_modules', name));
      }
      const { code, stdout, stderr } = await runToExit(app, { NODE_ENV: 'production', DEMO: 'true' });
      expect(code).toBe(1);
      expect(stderr.trim().split('\n')).toEqual([expect.stringContaining(`Demo mode needs the emulators package (${EMULATORS_PACKAGE})`)]);
      expect(stderr).toContain('run `npm start`');
      expect(stdout).not.toMatch(/ready at|Demo mode/);
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  }, 60_000);

  it('refuses DEMO=true under plain Node in a checkout (the package is TypeScript): exit 1, one line naming `npm start`', async () => {
    const { code, stdout, stderr } = await runToExit(root, { NODE_ENV: 'production', DEMO: 'true' });
    expect(code).toBe(1);
    expect(stderr.trim().split('\n')).toEqual([expect.stringContaining('run `npm start` for demo mode')]);
    expect(stdout).not.toMatch(/ready at|Demo mode/);
  }, 60_000);
});

/** `npm run start:prod`'s command in `cwd`, to its exit. */
function runToExit(cwd: string, env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, startProd.slice(1), {
    cwd,
    env: { PATH: process.env.PATH, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const killer = setTimeout(() => child.kill('SIGKILL'), 50_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(killer);
      resolve({ code, stdout, stderr });
    }),
  );
}
