// Lists in the shared in-memory cache are immutable and shared by every request: map each
// one once per mapper rather than on every request (mapping dominated warm-cache CPU).
const mapped = new WeakMap<(wire: never) => unknown, WeakMap<readonly unknown[], unknown[]>>();

/** `wires.map(map)`, remembered for as long as the `wires` array itself lives. */
export function mapCachedList<W, M>(wires: readonly W[], map: (wire: W) => M): M[] {
  let byList = mapped.get(map as (wire: never) => unknown);
  if (!byList) mapped.set(map as (wire: never) => unknown, (byList = new WeakMap()));
  let models = byList.get(wires) as M[] | undefined;
  if (!models) byList.set(wires, (models = wires.map(map)));
  return models;
}

const indexed = new WeakMap<(wire: never) => unknown, WeakMap<readonly unknown[], Map<string, unknown>>>();

/** `wires` mapped and keyed by their id as a string, remembered for as long as `wires` lives. */
export function indexCachedList<W extends { id: number }, M>(wires: readonly W[], map: (wire: W) => M): ReadonlyMap<string, M> {
  let byList = indexed.get(map as (wire: never) => unknown);
  if (!byList) indexed.set(map as (wire: never) => unknown, (byList = new WeakMap()));
  let index = byList.get(wires) as Map<string, M> | undefined;
  if (!index) byList.set(wires, (index = new Map(wires.map((wire) => [String(wire.id), map(wire)]))));
  return index;
}
