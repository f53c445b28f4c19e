// Lists in the shared in-memory cache are immutable and shared by every request: map each
// one once per mapper rather than on every request (mapping dominated warm-cache CPU).
type Mapper = (wire: never) => unknown;

/** Per mapper, per cached list: what was derived from that list. */
type Remembered = WeakMap<Mapper, WeakMap<readonly unknown[], unknown>>;

const mapped: Remembered = new WeakMap();
const indexed: Remembered = new WeakMap();

function remember<R>(store: Remembered, map: Mapper, wires: readonly unknown[], derive: () => R): R {
  let byList = store.get(map);
  if (!byList) store.set(map, (byList = new WeakMap()));
  let value = byList.get(wires) as R | undefined;
  if (value === undefined) byList.set(wires, (value = derive()));
  return value;
}

/** `wires.map(map)`, remembered for as long as the `wires` array itself lives. */
export function mapCachedList<W, M>(wires: readonly W[], map: (wire: W) => M): M[] {
  return remember(mapped, map as Mapper, wires, () => wires.map(map));
}

/** The models of {@link mapCachedList} keyed by their wire's id as a string, remembered as long. */
export function indexCachedList<W extends { id: number }, M>(wires: readonly W[], map: (wire: W) => M): ReadonlyMap<string, M> {
  return remember(indexed, map as Mapper, wires, () => {
    const models = mapCachedList(wires, map);
    return new Map(wires.map((wire, i) => [String(wire.id), models[i]!]));
  });
}

const mappedItems = new WeakMap<Mapper, WeakMap<object, unknown>>();

/**
 * `map(wire)`, remembered for as long as the `wire` object lives (a cached list's item is
 * shared by every request): for reads that need a few items of a long list — a schedule's
 * sessions out of its guide's list — without mapping the whole list.
 */
export function mapCachedItem<W extends object, M>(wire: W, map: (wire: W) => M): M {
  let byItem = mappedItems.get(map as Mapper);
  if (!byItem) mappedItems.set(map as Mapper, (byItem = new WeakMap()));
  let model = byItem.get(wire) as M | undefined;
  if (model === undefined) byItem.set(wire, (model = map(wire)));
  return model;
}
