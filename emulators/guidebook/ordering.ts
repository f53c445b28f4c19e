/** How to read one orderable field from a record; `null` sorts as PostgreSQL does (last ascending, first descending). */
export type OrderingFields<T> = Record<string, (record: T) => string | number | boolean | null>;

/**
 * DRF `OrderingFilter` [V docs, I details]: `ordering=a,-b` (the last `ordering` param
 * wins), terms trimmed, terms naming fields outside `fields` silently dropped; with no
 * valid term the view's default (id) applies. `id` ascending is always the final
 * tie-breaker so pages are stable.
 */
export function orderRecords<T extends { id: number }>(records: T[], param: string | null, fields: OrderingFields<T>): T[] {
  const terms = (param ?? '')
    .split(',')
    .map((term) => term.trim())
    .filter((term) => term !== '' && Object.hasOwn(fields, term.replace(/^-/, '')))
    .map((term) => ({ desc: term.startsWith('-'), read: fields[term.replace(/^-/, '')] as (record: T) => string | number | boolean | null }));
  return [...records].sort((a, b) => {
    for (const { desc, read } of terms) {
      const order = compareValues(read(a), read(b), desc);
      if (order !== 0) return order;
    }
    return a.id - b.id;
  });
}

function compareValues(a: string | number | boolean | null, b: string | number | boolean | null, desc: boolean): number {
  if (a === b) return 0;
  // PostgreSQL: NULLS LAST for ASC, NULLS FIRST for DESC — i.e. null is the largest value.
  if (a === null) return desc ? -1 : 1;
  if (b === null) return desc ? 1 : -1;
  const order = a < b ? -1 : 1;
  return desc ? -order : order;
}
