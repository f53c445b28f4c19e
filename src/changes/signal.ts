/** A promise and its resolver (Node 20 has no `Promise.withResolvers`): how a change log wakes its followers. */
export function signal(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((done) => (resolve = done));
  return { promise, resolve };
}
