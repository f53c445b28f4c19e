import { describe, expect, it } from 'vitest';

import { parseRedisUrl } from '../../src/config/index.js';
import { hashTaggedKey } from '../../src/upstream/redis/index.js';

describe('parseRedisUrl', () => {
  it('keeps a redis:// or rediss:// URL of one server as it is, with its password', () => {
    expect(parseRedisUrl('redis://:p%40ss@cache.internal:6380/2')).toEqual({ kind: 'server', url: 'redis://:p%40ss@cache.internal:6380/2', password: 'p@ss' });
    expect(parseRedisUrl('rediss://cache.internal')).toMatchObject({ kind: 'server', password: undefined });
  });

  it('reads a redis+cluster:// URL: its nodes (default port 6379, IPv6 in brackets), user, password and TLS', () => {
    expect(parseRedisUrl('redis+cluster://gw:s%2Cec%40ret@10.0.0.1:7000, node-b.internal:7001,[::1]:7002,node-c')).toEqual({
      kind: 'cluster',
      nodes: [
        { host: '10.0.0.1', port: 7000 },
        { host: 'node-b.internal', port: 7001 },
        { host: '::1', port: 7002 },
        { host: 'node-c', port: 6379 },
      ],
      username: 'gw',
      password: 's,ec@ret',
      tls: false,
    });
    expect(parseRedisUrl('rediss+cluster://:only-password@h:1/')).toEqual({
      kind: 'cluster',
      nodes: [{ host: 'h', port: 1 }],
      username: undefined,
      password: 'only-password',
      tls: true,
    });
  });

  it('says what is wrong with a URL it cannot use', () => {
    expect(() => parseRedisUrl('http://cache:6379')).toThrow(/not a redis:\/\/, rediss:\/\/, redis\+cluster:\/\//);
    for (const bad of [
      'redis+cluster://',
      'redis+cluster://h:7000/0',
      'redis+cluster://h:70000',
      'redis+cluster://h:7000,,h2:7001',
      'redis+cluster://h:7000?x=1',
    ]) {
      expect(() => parseRedisUrl(bad), bad).toThrow(/lists its nodes as host:port,host:port/);
    }
  });
});

describe('hashTaggedKey', () => {
  it('puts the tag in braces after the prefix, so keys with one tag share a Redis Cluster slot', () => {
    expect(hashTaggedKey('sessions-gateway:', 'quota', ':guidebook:day')).toBe('sessions-gateway:{quota}:guidebook:day');
    expect(hashTaggedKey('p:', 'lease')).toBe('p:{lease}');
  });

  it('refuses braces in the prefix or tag, and an empty tag (each would move or void the tag)', () => {
    expect(() => hashTaggedKey('a{b}:', 'quota')).toThrow(/no braces/);
    expect(() => hashTaggedKey('p:', 'q}x')).toThrow(/no braces/);
    expect(() => hashTaggedKey('p:', '')).toThrow(/not empty/);
  });
});
