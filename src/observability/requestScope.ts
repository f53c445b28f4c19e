import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and upstream call of one HTTP request can know about it. */
export interface RequestScope {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** Runs `fn` (and everything it starts asynchronously) inside the request's scope. */
export function runInRequestScope<T>(scope: RequestScope, fn: () => T): T {
  return storage.run(scope, fn);
}

/**
 * Fields to add to a log line written while a request is being served — `{ requestId }` —
 * for pino's `mixin` option, so every line of an operation carries its request id.
 */
export function requestLogFields(): Record<string, string> {
  const scope = storage.getStore();
  return scope ? { requestId: scope.requestId } : {};
}
