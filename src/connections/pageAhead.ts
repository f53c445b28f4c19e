import type { FetchPage } from './pagedSource.js';

const ignore = () => undefined;

/** A page asked for ahead of need, and how to call it off. */
export interface PageAhead<P> {
  page: Promise<P>;
  controller: AbortController;
}

/**
 * Controllers of pages asked for ahead that were needed, have settled and were never
 * aborted: nobody holds their signal any more (the upstream client lets go of a caller's
 * signal when its read settles), so the next page asked for ahead reuses one. Creating an
 * `AbortSignal` costs ~3 µs in Node 20, and a warm home page asks for a dozen pages ahead,
 * nearly all served from the shared cache without ever looking at their signal.
 */
const idle: AbortController[] = [];
const MAX_IDLE = 256;

/** Asks for page `number` ahead of need (one attempt, cancellable); its failure is nobody's until it is needed. */
export function askAhead<P>(fetchPage: FetchPage<P>, number: number): PageAhead<P> {
  const controller = idle.pop() ?? new AbortController();
  const page = fetchPage(number, true, controller.signal);
  page.catch(ignore);
  return { page, controller };
}

/**
 * Takes page `number` out of `ahead` because it is needed: it goes on, and can no longer be
 * cancelled. Undefined when it was not asked for ahead.
 */
export function takeAhead<P>(ahead: Map<number, PageAhead<P>>, number: number): Promise<P> | undefined {
  const asked = ahead.get(number);
  if (!asked) return undefined;
  ahead.delete(number);
  const { controller } = asked;
  const recycle = () => {
    if (!controller.signal.aborted && idle.length < MAX_IDLE) idle.push(controller);
  };
  asked.page.then(recycle, recycle);
  return asked.page;
}

/** Cancels every page asked for ahead in `ahead` (those taken out of it are needed and go on), and forgets them. */
export function cancelAhead<P>(ahead: Map<number, PageAhead<P>>): void {
  for (const { controller } of ahead.values()) controller.abort();
  ahead.clear();
}
