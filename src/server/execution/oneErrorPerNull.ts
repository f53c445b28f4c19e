import type { GraphQLFormattedError } from 'graphql';

type Path = ReadonlyArray<string | number>;

/**
 * The field errors of a response as the client gets them, whichever executor ran:
 *
 * - **one error per position that came out null.** An error lands where its `null` shows: at
 *   the first position along its path whose value in `data` is null (the whole `data` when
 *   it is null). graphql-js stops at the first error that reaches a nullable position and
 *   cannot reach later ones it has not started; graphql-jit runs every field and reports
 *   them all (a list of non-null items whose entries all fail: one error for graphql-js,
 *   one per entry for graphql-jit). Only the first error landing on a null position is
 *   kept. Errors on positions that hold data (partial results) are all kept.
 * - **in the order of the response:** by the position they land on, in document order
 *   (keys in the order `data` has them, list entries by index). Executors (and upstream
 *   answers) finish fields in different orders; the response does not depend on it.
 *
 * Errors without a path (request errors) come first, as they were.
 */
export function oneErrorPerNull(data: unknown, errors: readonly GraphQLFormattedError[]): GraphQLFormattedError[] {
  const unplaced: GraphQLFormattedError[] = [];
  const placed: Array<{ error: GraphQLFormattedError; landing: Path }> = [];
  const nullsTaken = new Set<string>();
  for (const error of errors) {
    if (!error.path) {
      unplaced.push(error);
      continue;
    }
    const { landing, isNull } = landingOf(data, error.path);
    if (isNull) {
      const key = JSON.stringify(landing);
      if (nullsTaken.has(key)) continue;
      nullsTaken.add(key);
    }
    placed.push({ error, landing });
  }
  // Array.prototype.sort is stable: errors on one position keep their order.
  placed.sort((a, b) => compareInDocumentOrder(data, a.landing, b.landing));
  return [...unplaced, ...placed.map(({ error }) => error)];
}

/** The first null position along `path` (or `path` itself, holding data). */
function landingOf(data: unknown, path: Path): { landing: Path; isNull: boolean } {
  let value = data;
  for (let i = 0; i <= path.length; i += 1) {
    if (value === null || value === undefined) return { landing: path.slice(0, i), isNull: true };
    if (i < path.length) value = typeof value === 'object' ? (value as Record<string | number, unknown>)[path[i]!] : undefined;
  }
  return { landing: path, isNull: false };
}

function compareInDocumentOrder(data: unknown, a: Path, b: Path): number {
  let container = data;
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const [x, y] = [a[i]!, b[i]!];
    if (x !== y) {
      if (typeof x === 'number' && typeof y === 'number') return x - y;
      const keys = container !== null && typeof container === 'object' ? Object.keys(container) : [];
      return keys.indexOf(String(x)) - keys.indexOf(String(y));
    }
    container = container !== null && typeof container === 'object' ? (container as Record<string | number, unknown>)[x] : undefined;
  }
  // A position before the positions inside it.
  return a.length - b.length;
}
