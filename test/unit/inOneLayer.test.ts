import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { describe, expect, it } from 'vitest';

import { inOneLayer } from '../../src/server/inOneLayer.js';

/** Runs `layer` on a dummy request; resolves with what it handed to the layers after it. */
function run(layer: RequestHandler): Promise<{ error: unknown }> {
  return new Promise((resolve) => {
    void layer({} as Request, {} as Response, ((error?: unknown) => resolve({ error })) as NextFunction);
  });
}

describe('inOneLayer (several Express handlers as one layer)', () => {
  it('runs the handlers in order, each after the previous called next(), synchronously or later', async () => {
    const seen: string[] = [];
    const layer = inOneLayer(
      (_req, _res, next) => {
        seen.push('a');
        next();
      },
      (_req, _res, next) => {
        seen.push('b');
        setImmediate(() => next());
      },
      async (_req, _res, next) => {
        seen.push('c');
        next();
      },
    );
    await expect(run(layer)).resolves.toEqual({ error: undefined });
    expect(seen).toEqual(['a', 'b', 'c']);
  });

  it('hands next(error), a throw and a rejected promise on as the error, skipping the handlers after', async () => {
    const failure = new Error('x');
    const after: RequestHandler = () => {
      throw new Error('must not run');
    };
    await expect(run(inOneLayer((_req, _res, next) => next(failure), after))).resolves.toEqual({ error: failure });
    await expect(
      run(
        inOneLayer(() => {
          throw failure;
        }, after),
      ),
    ).resolves.toEqual({ error: failure });
    await expect(run(inOneLayer(async () => Promise.reject(failure), after))).resolves.toEqual({ error: failure });
  });

  it('stops where a handler answers without calling next()', async () => {
    const seen: string[] = [];
    const layer = inOneLayer(
      () => void seen.push('answered'),
      () => void seen.push('must not run'),
    );
    let handedOn = false;
    layer({} as Request, {} as Response, (() => (handedOn = true)) as NextFunction);
    await new Promise((resolve) => setImmediate(resolve));
    expect(seen).toEqual(['answered']);
    expect(handedOn).toBe(false);
  });
});
