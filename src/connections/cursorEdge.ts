import type { Edge } from './Connection.js';
import { encodeCursor, type CursorIdentity, type CursorPosition } from './cursor.js';

/**
 * An edge whose cursor is encoded when first read. Most operations select
 * `pageInfo.endCursor` and not each edge's cursor, and encoding one is a JSON and base64
 * round (a warm home page spent more on its 50 cursors than on its tracks). A class, so
 * every edge has one shape with the getter on the prototype: getters defined per object
 * give each edge its own hidden class and made reading edges measurably slower.
 */
export class CursorEdge<T> implements Edge<T> {
  readonly node: T;
  readonly #identity: CursorIdentity;
  readonly #position: CursorPosition;
  #cursor: string | undefined;

  constructor(node: T, identity: CursorIdentity, position: CursorPosition) {
    this.node = node;
    this.#identity = identity;
    this.#position = position;
  }

  get cursor(): string {
    return (this.#cursor ??= encodeCursor(this.#identity, this.#position));
  }
}
