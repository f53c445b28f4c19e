import type { FetchPage } from './pagedSource.js';

const ignore = () => undefined;

/** A page asked for ahead of need, and how to call it off. */
export interface PageAhead<P> {
  page: Promise<P>;
  controller: AbortController;
}

/** Asks for page `number` ahead of need (one attempt, cancellable); its failure is nobody's until it is needed. */
export function askAhead<P>(fetchPage: FetchPage<P>, number: number): PageAhead<P> {
  const controller = new AbortController();
  const page = fetchPage(number, true, controller.signal);
  page.catch(ignore);
  return { page, controller };
}

/** Cancels every page asked for ahead in `ahead` (those taken out of it are needed and go on), and forgets them. */
export function cancelAhead<P>(ahead: Map<number, PageAhead<P>>): void {
  for (const { controller } of ahead.values()) controller.abort();
  ahead.clear();
}
