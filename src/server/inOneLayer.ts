import type { RequestHandler } from 'express';

const isThenable = (value: unknown): value is PromiseLike<unknown> => typeof (value as { then?: unknown } | null)?.then === 'function';

/**
 * `handlers` as one Express layer, run in order as `app.use(path, ...handlers)` runs them as
 * several: each goes on to the next by calling `next()`; `next(error)` — or a throw, or a
 * returned promise that rejects (Express 5's rule) — skips the rest and hands the error to
 * the layers after. One layer for several spares the router its path match, prefix trim
 * and bookkeeping for each of them on every request. For handlers that do not use
 * `next('route')` or `next('router')` (which are handed on as errors would be).
 */
export function inOneLayer(...handlers: RequestHandler[]): RequestHandler {
  return (req, res, next) => {
    let index = 0;
    const step = (error?: unknown): void => {
      if (error || index === handlers.length) {
        next(error);
        return;
      }
      const handler = handlers[index++]!;
      try {
        const returned: unknown = handler(req, res, step);
        if (isThenable(returned)) returned.then(undefined, (rejected: unknown) => step(rejected || new Error('Rejected promise')));
      } catch (thrown) {
        step(thrown);
      }
    };
    step();
  };
}
