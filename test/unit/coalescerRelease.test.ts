import { describe, expect, it } from 'vitest';

import { Coalescer } from '../../src/upstream/coalescer.js';

// Issue 21, the convoy: the waiters of one coalesced upstream call were handed its answer
// together, so their operations' continuations interleaved and each finished only when all
// had. Now each waiter gets the answer on its own macrotask: one's synchronous work (a chain
// of microtasks, as an execution is) ends before the next one starts.

/** A call settled by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** What a waiter does with the answer: many microtask steps, as an operation's execution. */
async function execute(name: string, value: Promise<string>, trace: string[]): Promise<void> {
  const answer = await value;
  trace.push(`${name} starts with ${answer}`);
  for (let step = 0; step < 20; step += 1) await Promise.resolve();
  trace.push(`${name} ends`);
}

describe('Coalescer release (issue 21, the convoy)', () => {
  it('hands each waiter the answer on its own macrotask, in the order they came, after one upstream call', async () => {
    const coalescer = new Coalescer();
    const call = deferred<string>();
    let calls = 0;
    const start = () => {
      calls += 1;
      return call.promise;
    };
    const trace: string[] = [];
    const waiting = ['a', 'b', 'c'].map((name) => execute(name, coalescer.run('key', start), trace));
    call.resolve('answer');
    await Promise.all(waiting);
    expect(calls).toBe(1);
    expect(trace).toEqual(['a starts with answer', 'a ends', 'b starts with answer', 'b ends', 'c starts with answer', 'c ends']);
    expect(coalescer.size).toBe(0);
  });

  it('hands a failure to every waiter the same way', async () => {
    const coalescer = new Coalescer();
    const call = deferred<string>();
    const outcomes = ['a', 'b'].map((name) =>
      coalescer
        .run('key', () => call.promise)
        .then(
          () => `${name} resolved`,
          (error: Error) => `${name} ${error.message}`,
        ),
    );
    call.reject(new Error('failed'));
    expect(await Promise.all(outcomes)).toEqual(['a failed', 'b failed']);
  });

  it('still lets a waiter with a signal withdraw at once while the others get the answer', async () => {
    const coalescer = new Coalescer();
    const call = deferred<string>();
    const leaving = new AbortController();
    const staying = coalescer.run('key', () => call.promise);
    const withdrawn = coalescer.run('key', () => call.promise, leaving.signal);
    const withdrawnToo = coalescer.run('key', () => call.promise, new AbortController().signal);
    leaving.abort(new Error('not needed'));
    await expect(withdrawn).rejects.toThrow('not needed');
    call.resolve('answer');
    expect(await staying).toBe('answer');
    expect(await withdrawnToo).toBe('answer');
  });
});
