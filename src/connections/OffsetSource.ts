/** A window of an ordered list: some of its items, and how long the whole list is. */
export interface OffsetWindow<T> {
  /** The items asked for, in list order; fewer than asked when the list ends earlier, none past its end. */
  items: T[];
  /** How many items the whole (filtered) list has. */
  totalCount: number;
}

/**
 * The one internal shape every provider's paging adapts to: a filtered, ordered list
 * addressed by offset. Connections never see page numbers, `next` URLs or page sizes.
 */
export interface OffsetSource<T> {
  /**
   * Items [offset, offset + limit) of the filtered, ordered list, and the list's total.
   * `limit` may be 0 (then only `totalCount` matters, and sources make that cheap or cached).
   * An `offset` at or past the end yields no items, never an error.
   */
  read(offset: number, limit: number): Promise<OffsetWindow<T>>;
}
