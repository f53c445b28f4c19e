/** One node of a Redis Cluster: where to reach it. */
export interface RedisNodeAddress {
  host: string;
  port: number;
}

/**
 * What `REDIS_URL` names: one Redis server (`redis://`, `rediss://` with TLS: the URL as
 * ioredis reads it), or a Redis Cluster (`redis+cluster://`, `rediss+cluster://`) reached
 * through one or more of its nodes, from which the client learns the rest.
 */
export type RedisTarget =
  | { kind: 'server'; url: string; password: string | undefined }
  | { kind: 'cluster'; nodes: RedisNodeAddress[]; username: string | undefined; password: string | undefined; tls: boolean };

const DEFAULT_PORT = 6379;

/** `host:port` or `[v6]:port` (port optional) -> the node, or undefined when malformed. */
function nodeOf(text: string): RedisNodeAddress | undefined {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]/?#\s]+))(?::(\d{1,5}))?$/.exec(text);
  if (!match) return undefined;
  const port = match[3] === undefined ? DEFAULT_PORT : Number(match[3]);
  if (port < 1 || port > 65_535) return undefined;
  return { host: match[1] ?? match[2]!, port };
}

function decoded(text: string | undefined): string | undefined {
  if (text === undefined || text === '') return undefined;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Parses `REDIS_URL`. A cluster URL is
 * `redis+cluster://[user[:password]@]host:port[,host:port…]` (`rediss+cluster://` for TLS):
 * any nodes of the cluster — one is enough, more keep start-up working while one is down;
 * percent-encode `@ : , /` in the user name and password; no database number (a cluster has
 * only database 0). Throws an Error saying what is wrong.
 */
export function parseRedisUrl(url: string): RedisTarget {
  const cluster = /^(rediss?)\+cluster:\/\/(.*)$/s.exec(url);
  if (!cluster) {
    if (!/^rediss?:\/\//.test(url)) throw new Error('REDIS_URL is not a redis://, rediss://, redis+cluster:// or rediss+cluster:// URL');
    if (!URL.canParse(url)) throw new Error('REDIS_URL is not a URL');
    return { kind: 'server', url, password: decoded(new URL(url).password) };
  }
  const rest = cluster[2]!.replace(/\/$/, '');
  const at = rest.lastIndexOf('@');
  const userInfo = at >= 0 ? rest.slice(0, at) : undefined;
  const hostList = at >= 0 ? rest.slice(at + 1) : rest;
  const nodes = hostList.split(',').map((part) => nodeOf(part.trim()));
  if (hostList === '' || nodes.some((node) => node === undefined)) {
    throw new Error('REDIS_URL: a redis+cluster:// URL lists its nodes as host:port,host:port (no database number, no query)');
  }
  const colon = userInfo?.indexOf(':') ?? -1;
  return {
    kind: 'cluster',
    nodes: nodes as RedisNodeAddress[],
    username: decoded(colon >= 0 ? userInfo!.slice(0, colon) : userInfo),
    password: decoded(colon >= 0 ? userInfo!.slice(colon + 1) : undefined),
    tls: cluster[1] === 'rediss',
  };
}
