import { spawn, type ChildProcess } from 'node:child_process';

import { projectRoot } from '../../src/projectRoot.js';

/** A gateway run by its real entry point (src/index.ts) in a process of its own, so a test can kill it. */
export interface GatewayProcess {
  /** `http://127.0.0.1:<port>/graphql`, from its "ready at" line. */
  url: string;
  pid: number;
  /** Everything it printed (stdout and stderr). */
  output(): string;
  /** Sends `signal` (SIGKILL: it dies at once, holding whatever it held) and waits for it to exit. */
  kill(signal?: NodeJS.Signals): Promise<void>;
}

/**
 * Starts `node --import tsx src/index.ts` with `env` (and nothing of this process's
 * environment but PATH) on a free loopback port, and resolves once it says it is ready;
 * rejects with its output when it exits first or is not ready within `timeoutMs` (generous:
 * tsx compiles the gateway on start, which takes seconds on a loaded machine).
 */
export async function startGatewayProcess(env: Record<string, string>, timeoutMs = 90_000): Promise<GatewayProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
    cwd: projectRoot(),
    env: { PATH: process.env.PATH ?? '', HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!(url = /ready at (http:\/\/\S+\/graphql)/.exec(output)?.[1])) {
    if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the gateway process did not start:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    url,
    pid: child.pid!,
    output: () => output,
    async kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}
