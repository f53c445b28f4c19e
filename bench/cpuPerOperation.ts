import { readFileSync } from 'node:fs';
import { Agent, request } from 'undici';

import type { GraphQLBody } from './scenarios.js';

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat (Linux). */
export function cpuSeconds(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name (which may hold spaces) start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

/**
 * Sends `operations` requests one after another and returns the CPU milliseconds the
 * gateway process `pid` spent per operation. CPU time, unlike throughput, hardly moves when
 * other processes compete for the machine's cores.
 */
export async function cpuPerOperation(options: { url: string; pid: number; body: GraphQLBody; operations: number; method: 'POST' | 'GET' }): Promise<number> {
  const dispatcher = new Agent({ connections: 1 });
  const send = async () => {
    const response =
      options.method === 'GET'
        ? await request(
            `${options.url}?${new URLSearchParams({ query: options.body.query, ...(options.body.variables ? { variables: JSON.stringify(options.body.variables) } : {}) }).toString()}`,
            {
              headers: { 'apollo-require-preflight': 'true' },
              dispatcher,
            },
          )
        : await request(options.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(options.body), dispatcher });
    await response.body.dump();
    if (response.statusCode !== 200) throw new Error(`${options.method} answered ${response.statusCode}`);
  };
  try {
    await send();
    const before = cpuSeconds(options.pid);
    for (let i = 0; i < options.operations; i += 1) await send();
    return ((cpuSeconds(options.pid) - before) * 1000) / options.operations;
  } finally {
    await dispatcher.close();
  }
}
