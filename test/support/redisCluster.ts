import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Cluster, Redis } from 'ioredis';

import { freePort } from './loopbackServer.js';
import { requiredTool, type ToolCheck } from './requiredTool.js';

/** One `redis-server --cluster-enabled yes` of the test cluster. */
export interface ClusterNodeProcess {
  port: number;
  /** Its cluster bus port (`--cluster-port`), chosen free like `port`. */
  busPort: number;
  /** SIGKILLs it (as a crash would) and waits until it is gone. */
  kill(): Promise<void>;
  readonly alive: boolean;
}

/** A throw-away Redis Cluster of 3 masters and 3 replicas on loopback, no persistence. */
export interface RedisClusterProcess {
  /** `redis+cluster://127.0.0.1:p1,…` (every node), as REDIS_URL. */
  url: string;
  nodes: ClusterNodeProcess[];
  /** The node serving `key`'s slot now, as a live node says (CLUSTER KEYSLOT, CLUSTER SLOTS). */
  masterOf(key: string): Promise<ClusterNodeProcess>;
  /** The masters serving slots now. */
  masters(): Promise<ClusterNodeProcess[]>;
  /** Resolves once every live node reports `cluster_state:ok` and no slot is served by a dead node. */
  waitUntilHealthy(timeoutMs?: number): Promise<void>;
  /** Resolves once every replica of `master` has applied all it wrote (replication is asynchronous). */
  waitForReplication(master: ClusterNodeProcess): Promise<void>;
  /** A cluster client for checks (the caller quits it). */
  client(): Cluster;
  /** A client of one node, for commands meant for it (SCAN, DBSIZE); the caller quits it. */
  nodeClient(node: ClusterNodeProcess): Redis;
  stop(): Promise<void>;
}

/** Failure detection and replica promotion wait this long (ms); Redis's default is 15 s. */
const NODE_TIMEOUT_MS = 2_000;

/**
 * Whether a Redis Cluster can run here: `redis-server` (Debian's redis-server) and
 * `redis-cli` (redis-tools), which joins the nodes with `--cluster create`. Missing: a
 * failure under `REQUIRE_REDIS=1` (CI), else a loud skip listed in the closing summary.
 */
export function redisClusterAvailability(): ToolCheck {
  return requiredTool({
    tool: 'Redis Cluster: redis-server + redis-cli',
    requireVariable: 'REQUIRE_REDIS',
    install: 'sudo apt-get install -y redis-server redis-tools   (Debian/Ubuntu)',
    missing: () => {
      for (const program of ['redis-server', 'redis-cli']) {
        const probe = spawnSync(program, ['--version'], { encoding: 'utf8' });
        if (probe.error || probe.status !== 0) {
          return (probe.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT'
            ? `${program} is not on PATH`
            : `${program} does not run (${probe.error?.message ?? `exit ${probe.status}`})`;
        }
      }
      return undefined;
    },
  });
}

/** Asks one node, on a short-lived connection; undefined when it does not answer. */
async function ask<T>(port: number, command: (redis: Redis) => Promise<T>): Promise<T | undefined> {
  const redis = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    connectTimeout: 500,
    commandTimeout: 1_000,
  });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await command(redis);
  } catch {
    return undefined;
  } finally {
    redis.disconnect();
  }
}

interface NodeLine {
  id: string;
  port: number;
  flags: string[];
  masterId: string;
  slots: string[];
}

/** `CLUSTER NODES` of one node, parsed. */
async function clusterNodes(port: number): Promise<NodeLine[] | undefined> {
  const text = await ask(port, (redis) => redis.call('CLUSTER', 'NODES') as Promise<string>);
  if (text === undefined) return undefined;
  return text
    .trim()
    .split('\n')
    .map((line) => {
      const [id, address, flags, masterId, , , , , ...slots] = line.split(' ');
      return { id: id!, port: Number(/:(\d+)@/.exec(address!)?.[1]), flags: flags!.split(','), masterId: masterId!, slots };
    });
}

/** Starts one node on ports free a moment ago and waits until it answers PING; tries new ports if another process took them meanwhile. */
async function startNode(dir: string): Promise<ClusterNodeProcess> {
  for (let attempt = 1; ; attempt += 1) {
    const [port, busPort] = [await freePort(), await freePort()];
    const child = spawn(
      'redis-server',
      [
        ...['--port', String(port), '--cluster-port', String(busPort), '--bind', '127.0.0.1', '--dir', dir],
        ...['--cluster-enabled', 'yes', '--cluster-config-file', join(dir, 'nodes.conf'), '--cluster-node-timeout', String(NODE_TIMEOUT_MS)],
        // A replica may take over however long its link was down (the test kills masters).
        ...['--cluster-replica-validity-factor', '0'],
        // Replicas sync at once (the default waits 5 s for more replicas to share one transfer).
        ...['--repl-diskless-sync', 'yes', '--repl-diskless-sync-delay', '0'],
        ...['--save', '', '--appendonly', 'no', '--daemonize', 'no'],
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    const collect = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-4_000));
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const node: ClusterNodeProcess = {
      port,
      busPort,
      get alive() {
        return child.exitCode === null && child.signalCode === null;
      },
      async kill() {
        if (node.alive) child.kill('SIGKILL');
        await exited;
      },
    };
    const deadline = Date.now() + 10_000;
    while (node.alive && (await ask(port, (redis) => redis.ping())) !== 'PONG') {
      if (Date.now() > deadline) {
        await node.kill();
        throw new Error(`redis-server on port ${port} did not answer PING within 10 s: ${output}`);
      }
      await sleep(50);
    }
    if (node.alive) return node;
    if (attempt === 3) throw new Error(`redis-server did not start (ports ${port}, ${busPort}): ${output}`);
  }
}

async function waitUntil(what: string, timeoutMs: number, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Redis Cluster: ${what} did not happen within ${timeoutMs} ms`);
    await sleep(50);
  }
}

/**
 * Starts six `redis-server --cluster-enabled yes` on free loopback ports (each with its own
 * temporary directory and a free cluster bus port), joins them with
 * `redis-cli --cluster create … --cluster-replicas 1` (3 masters, 3 replicas), and resolves
 * once every node agrees on the roles and every replica has synced — so a master can be
 * killed at once and its replica promoted (within about 2 × NODE_TIMEOUT_MS). `stop()` kills
 * every node and removes the directories.
 */
export async function startRedisCluster(): Promise<RedisClusterProcess> {
  const root = mkdtempSync(join(tmpdir(), 'redis-cluster-'));
  const nodes: ClusterNodeProcess[] = [];
  const stop = async () => {
    await Promise.all(nodes.map((node) => node.kill()));
    rmSync(root, { recursive: true, force: true });
  };
  try {
    const started = await Promise.allSettled([0, 1, 2, 3, 4, 5].map((i) => startNode(mkdtempSync(join(root, `node${i}-`)))));
    for (const result of started) if (result.status === 'fulfilled') nodes.push(result.value);
    const failed = started.find((result) => result.status === 'rejected');
    if (failed) throw failed.reason;
    const create = spawnSync(
      'redis-cli',
      ['--cluster', 'create', ...nodes.map((node) => `127.0.0.1:${node.port}`), '--cluster-replicas', '1', '--cluster-yes'],
      { encoding: 'utf8', timeout: 30_000 },
    );
    if (create.status !== 0) throw new Error(`redis-cli --cluster create failed: ${create.stdout}${create.stderr}`);
    await waitUntil('every node agreeing on 3 masters and 3 synced replicas', 20_000, async () => {
      for (const node of nodes) {
        const view = await clusterNodes(node.port);
        if (view?.filter((n) => n.flags.includes('master') && n.slots.length > 0).length !== 3) return false;
        if (view.filter((n) => n.flags.includes('slave')).length !== 3) return false;
        const info = await ask(node.port, (redis) => redis.info('replication'));
        if (info?.includes('role:slave') && !info.includes('master_link_status:up')) return false;
        if (!(await ask(node.port, (redis) => redis.call('CLUSTER', 'INFO') as Promise<string>))?.includes('cluster_state:ok')) return false;
      }
      return true;
    });
  } catch (error) {
    await stop();
    throw error;
  }

  const byPort = (port: number) => nodes.find((node) => node.port === port)!;
  const live = () => nodes.filter((node) => node.alive);
  /** Slot ranges and their master's port, as the first live node that answers says. */
  const slotMap = async (): Promise<Array<[number, number, number]>> => {
    for (const node of live()) {
      const slots = await ask(node.port, (redis) => redis.call('CLUSTER', 'SLOTS') as Promise<Array<[number, number, [string, number, string]]>>);
      if (slots) return slots.map(([from, to, [, port]]) => [from, to, port]);
    }
    throw new Error('Redis Cluster: no node answers');
  };
  const slotOf = async (key: string): Promise<number> => {
    for (const node of live()) {
      const slot = await ask(node.port, (redis) => redis.call('CLUSTER', 'KEYSLOT', key) as Promise<number>);
      if (slot !== undefined) return slot;
    }
    throw new Error('Redis Cluster: no node answers');
  };

  return {
    url: `redis+cluster://${nodes.map((node) => `127.0.0.1:${node.port}`).join(',')}`,
    nodes,
    async masterOf(key) {
      const slot = await slotOf(key);
      const range = (await slotMap()).find(([from, to]) => from <= slot && slot <= to);
      if (!range) throw new Error(`Redis Cluster: slot ${slot} is served by no node`);
      return byPort(range[2]);
    },
    async masters() {
      return [...new Set((await slotMap()).map(([, , port]) => port))].map(byPort);
    },
    async waitUntilHealthy(timeoutMs = 20_000) {
      await waitUntil('the cluster serving every slot from a live master', timeoutMs, async () => {
        for (const node of live()) {
          const info = await ask(node.port, (redis) => redis.call('CLUSTER', 'INFO') as Promise<string>);
          if (!info?.includes('cluster_state:ok')) return false;
        }
        return (await slotMap()).every(([, , port]) => byPort(port).alive);
      });
    },
    async waitForReplication(master) {
      const offset = (info: string | undefined, field: string) => Number(new RegExp(`${field}:(\\d+)`).exec(info ?? '')?.[1] ?? NaN);
      const id = await ask(master.port, (redis) => redis.call('CLUSTER', 'MYID') as Promise<string>);
      const replicas = (await clusterNodes(master.port))?.filter((n) => n.masterId === id) ?? [];
      if (replicas.length === 0) throw new Error(`Redis Cluster: node ${master.port} has no replica`);
      await waitUntil(`the replicas of ${master.port} catching up`, 10_000, async () => {
        const written = offset(await ask(master.port, (redis) => redis.info('replication')), 'master_repl_offset');
        for (const replica of replicas) {
          if (!(offset(await ask(replica.port, (redis) => redis.info('replication')), 'slave_repl_offset') >= written)) return false;
        }
        return true;
      });
    },
    client() {
      const cluster = new Cluster(
        live().map((node) => ({ host: '127.0.0.1', port: node.port })),
        { redisOptions: { connectTimeout: 1_000 } },
      );
      cluster.on('error', () => undefined);
      return cluster;
    },
    nodeClient(node) {
      const redis = new Redis({ host: '127.0.0.1', port: node.port });
      redis.on('error', () => undefined);
      return redis;
    },
    stop,
  };
}
