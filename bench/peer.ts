import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { PLANSTONE_DEMO } from '@sessions-gateway/emulators';
import { request } from 'undici';

import type { BenchData } from './providerData.js';
import type { GraphQLBody } from './scenarios.js';

/** A running peer gateway and the scenario documents in its schema's words. */
export interface PeerTarget {
  url: string;
  pid: number;
  /** Its whole-response cache's TTL (ms); 0: off. */
  responseCacheTtlMs: number;
  bodies: Record<'a' | 'b' | 'c' | 'j', GraphQLBody>;
  stop(): Promise<void>;
}

export interface PeerOptions {
  /**
   * Hive Gateway's response cache (`responseCaching`, i.e. `useResponseCache`): its TTL in
   * ms, 0 for none. The warm rows compare with it on, the cache-off rows with it off.
   */
  responseCacheTtlMs: number;
}

const PEERS_DIR = fileURLToPath(new URL('./peers/', import.meta.url));
const bin = (name: string) => `${PEERS_DIR}node_modules/.bin/${name}`;
const trim = (url: string) => url.replace(/\/$/, '');

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Hive Gateway serving a GraphQL Mesh supergraph composed from `openapi/*.yaml`, pointed
 * at the emulators. Installs `bench/peers` (`npm ci --prefix bench/peers`) on first use.
 * Its response cache is on with `options.responseCacheTtlMs` > 0 (bench/peers/gateway.config.mjs).
 * The peer does no merge: each scenario is the one document a Mesh user would send for the
 * same screen, reading exactly the pages our gateway's minimum needs (the client merges and
 * joins what it gets back) — joins included, asked in the same document, so the peer never
 * waits for one answer to ask the next (which flatters it: a real client could not know the
 * speakers' pids before the sessions came back).
 */
export async function startPeer(
  env: Record<string, string>,
  data: BenchData,
  projectId: number,
  options: PeerOptions,
): Promise<PeerTarget | { skipped: string }> {
  if (!existsSync(bin('hive-gateway'))) {
    console.log('  installing the peer (npm ci --prefix bench/peers, ~530 MB) …');
    const install = spawnSync('npm', ['ci', '--prefix', PEERS_DIR, '--no-audit', '--no-fund'], { stdio: 'inherit' });
    if (install.status !== 0) return { skipped: `peer skipped: npm ci --prefix bench/peers failed (exit ${install.status})` };
  }
  const composeEnv = {
    ...process.env,
    PEER_GUIDEBOOK_ENDPOINT: trim(env.GUIDEBOOK_API_URL!),
    PEER_GUIDEBOOK_KEY: env.GUIDEBOOK_API_KEY!,
    PEER_ROUNDWARE_ENDPOINT: trim(env.ROUNDWARE_API_URL!),
    PEER_ROUNDWARE_TOKEN: env.ROUNDWARE_API_TOKEN!,
    PEER_PLANSTONE_ENDPOINT: trim(env.PLANSTONE_API_URL!),
    PEER_PLANSTONE_TOKEN: env.PLANSTONE_API_TOKEN!,
  };
  // One supergraph file per peer: Hive Gateway watches its file, and the first peer did not
  // survive the second's compose rewriting a shared one.
  const supergraph = options.responseCacheTtlMs > 0 ? 'supergraph.cached.graphql' : 'supergraph.graphql';
  const compose = spawnSync(bin('mesh-compose'), ['-o', supergraph], { cwd: PEERS_DIR, env: composeEnv, encoding: 'utf8' });
  if (compose.status !== 0) return { skipped: `peer skipped: mesh-compose failed: ${(compose.stderr || compose.stdout).slice(-500)}` };

  const port = await freePort();
  const child = spawn(bin('hive-gateway'), ['supergraph', supergraph, '--port', String(port), '--host', '127.0.0.1'], {
    cwd: PEERS_DIR,
    env: { ...process.env, NODE_ENV: 'production', PEER_RESPONSE_CACHE_TTL_MS: String(options.responseCacheTtlMs) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}/graphql`;
  for (let i = 0; ; i += 1) {
    try {
      const response = await request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' });
      await response.body.dump();
      if (response.statusCode === 200) break;
    } catch {
      // not up yet
    }
    if (child.exitCode !== null || i > 150) {
      child.kill('SIGKILL');
      return { skipped: `peer skipped: hive-gateway did not start: ${stderr.slice(-500)}` };
    }
    await sleep(200);
  }
  return {
    url,
    pid: child.pid!,
    responseCacheTtlMs: options.responseCacheTtlMs,
    bodies: peerBodies(data, projectId),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

const pages = (items: number, size: number) => Math.max(1, Math.ceil(items / size));

/** The scenario documents in the Mesh schema (operationIds of openapi/*.yaml). */
function peerBodies(data: BenchData, projectId: number): Record<'a' | 'b' | 'c' | 'j', GraphQLBody> {
  const P = data.guidebookPageSize;
  const where = JSON.stringify({ account: PLANSTONE_DEMO.account, conference: PLANSTONE_DEMO.conference });
  const sessionFields = '... on SessionPage { count next results { id guide name start_time end_time schedule_tracks } }';
  // (a) the first 51 Guidebook sessions by start, every track page, every feed page.
  const home = [
    ...Array.from({ length: pages(51, P) }, (_, i) => `g${i + 1}: sessions_list(ordering: "start_time,id", page: ${i + 1}) { ${sessionFields} }`),
    ...Array.from(
      { length: pages(data.guidebookTracks, P) },
      (_, i) => `t${i + 1}: schedule_tracks_list(page: ${i + 1}) { ... on ScheduleTrackPage { results { id name } } }`,
    ),
    ...Array.from(
      { length: pages(data.planstoneSessions, data.planstonePageSize) },
      (_, i) =>
        `p${i + 1}: planstone_sessions(where: $where, max_results: 100, page: ${i + 1}) { _meta { total } _items { schedid sessionName startDate startTime endDate endTime tracks { track } speakers { pid role fname lname } } }`,
    ),
  ];
  // (b) the attendee's schedules and their guides' session lists.
  const mine = data.schedules.filter((s) => s.attendees.includes(data.attendeeId));
  const guides = [...new Set(mine.map((s) => s.guide))];
  const schedules = [
    `schedules: personalized_schedules_list(attendees__id: ${data.attendeeId}) { ... on PersonalizedSchedulePage { count results { id guide name sessions } } }`,
    ...guides.flatMap((guide) =>
      Array.from(
        { length: pages(data.sessionsPerGuide.get(guide) ?? 0, P) },
        (_, i) => `s${guide}_${i + 1}: sessions_list(guide: ${guide}, ordering: "start_time,id", page: ${i + 1}) { ${sessionFields} }`,
      ),
    ),
  ];
  // (j) the first 51 Guidebook sessions by start with every track page (for their names).
  const guidebookTracks = home.filter((field) => !field.startsWith('p'));
  return {
    a: { query: `query Home($where: String!) {\n  ${home.join('\n  ')}\n}`, variables: { where } },
    j: { query: `query GuidebookTracks {\n  ${guidebookTracks.join('\n  ')}\n}` },
    b: { query: `query Schedules {\n  ${schedules.join('\n  ')}\n}` },
    c: {
      query: `query ClientSessions($projectId: Int) { client_sessions_list(project_id: $projectId) { ... on ClientSession { id device_id client_type starttime stoptime } } }`,
      variables: { projectId },
    },
  };
}

/** The Planstone query parameters of one upstream call our gateway made (path and query as logged). */
function planstoneArguments(url: string): string {
  const query = new URL(url, 'http://feed').searchParams;
  const args: string[] = [];
  for (const name of ['where', 'sort', 'projection']) {
    const value = query.get(name);
    if (value !== null) args.push(`${name}: ${JSON.stringify(value)}`);
  }
  for (const name of ['max_results', 'page']) {
    const value = query.get(name);
    if (value !== null) args.push(`${name}: ${Number(value)}`);
  }
  return args.join(', ');
}

/**
 * (i) Planstone sessions with their speakers by pid, in the peer's words: one document with
 * a field per feed call our gateway made for it cold (`urls`: the session pages and the
 * speaker look-up's pages, path and query as the feed logged them).
 */
export function peerPlanstoneSpeakersBody(urls: readonly string[]): GraphQLBody {
  const fields = urls.map((url, i) =>
    new URL(url, 'http://feed').pathname.endsWith('/speakers')
      ? `s${i}: planstone_speakers(${planstoneArguments(url)}) { _meta { total } _items { pid fname lname company } }`
      : `p${i}: planstone_sessions(${planstoneArguments(url)}) { _meta { total } _items { schedid sessionName startDate startTime endDate endTime speakers { pid role sortorder } } }`,
  );
  return { query: `query PlanstoneSpeakers {\n  ${fields.join('\n  ')}\n}` };
}
