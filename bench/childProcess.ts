import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

/** A child process that announced itself with one JSON line on stdout. */
export interface Child<T> {
  process: ChildProcess;
  pid: number;
  info: T;
  stop(): Promise<void>;
}

/**
 * Spawns `command args` and resolves with the first stdout line that parses as JSON.
 * Other stdout lines are dropped; stderr is kept for the error message if it dies early.
 */
export async function startChild<T>(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number } = {},
): Promise<Child<T>> {
  const child = spawn(command, args, { env: { ...process.env, ...options.env }, cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const info = await new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${command} ${args.join(' ')} did not start in time:\n${stderr}`)), options.timeoutMs ?? 60_000);
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      if (!line.startsWith('{')) return;
      try {
        const parsed = JSON.parse(line) as T;
        clearTimeout(timer);
        resolve(parsed);
      } catch {
        // not our announcement
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${stderr}`));
    });
  });
  child.stdout?.resume();
  return {
    process: child,
    pid: child.pid!,
    info,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/**
 * The Node.js flags of `npm run start:prod` (heap sizing), read from package.json so the
 * bench measures the gateway as production starts it.
 */
export function productionNodeFlags(): string[] {
  const scripts = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts;
  return (scripts['start:prod'] ?? '').split(/\s+/).filter((word) => word.startsWith('--'));
}

/**
 * `node <flags> dist/bench/<file>.js`: a child compiled by `tsc -p tsconfig.bench.json`
 * (which `npm run bench` runs first), so no TypeScript loader sits in the measured process.
 */
export function startBuiltChild<T>(file: string, env: NodeJS.ProcessEnv = {}, nodeFlags: string[] = [], timeoutMs?: number): Promise<Child<T>> {
  return startChild<T>(process.execPath, [...nodeFlags, `dist/bench/${file.replace(/\.ts$/, '.js')}`], { env, timeoutMs });
}
