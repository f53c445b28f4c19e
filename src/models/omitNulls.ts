/** `T` with GraphQL's "not given" (`null`) read as absent: each field optional, never null. */
export type NullsOmitted<T> = { [K in keyof T]?: Exclude<T[K], null> };

/**
 * `fields` without its null entries. GraphQL gives `null` or nothing for an optional input
 * field; the datasources' filters and options take only "absent" (undefined), so a resolver
 * passes its input through this once instead of converting each field by hand.
 */
export function omitNulls<T extends object>(fields: T): NullsOmitted<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== null)) as NullsOmitted<T>;
}
