/**
 * MongoDB's sort order for the JSON values feed documents hold: by type first
 * (missing/null < numbers < strings < objects < arrays < booleans), then by value; strings
 * compare by code point (binary, no collation), so `"07:30 pm"` sorts before `"10:00 am"`
 * and `"1170"` before `"480"`.
 */
export function compareBson(a: unknown, b: unknown): number {
  const rankA = typeRank(a);
  const rankB = typeRank(b);
  if (rankA !== rankB) return rankA - rankB;
  switch (rankA) {
    case 1:
      return (a as number) - (b as number);
    case 2:
      return a === b ? 0 : (a as string) < (b as string) ? -1 : 1;
    case 3:
      return compareObjects(a as Record<string, unknown>, b as Record<string, unknown>);
    case 4:
      return compareArrays(a as unknown[], b as unknown[]);
    case 5:
      return Number(a) - Number(b);
    default:
      return 0;
  }
}

function typeRank(value: unknown): number {
  if (value === null || value === undefined) return 0;
  if (typeof value === 'number') return 1;
  if (typeof value === 'string') return 2;
  if (Array.isArray(value)) return 4;
  if (typeof value === 'boolean') return 5;
  return 3;
}

function compareArrays(a: unknown[], b: unknown[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const order = compareBson(a[i], b[i]);
    if (order !== 0) return order;
  }
  return a.length - b.length;
}

function compareObjects(a: Record<string, unknown>, b: Record<string, unknown>): number {
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  for (let i = 0; i < Math.min(keysA.length, keysB.length); i++) {
    const order = compareBson(a[keysA[i]!], b[keysB[i]!]);
    if (order !== 0) return order;
    if (keysA[i] !== keysB[i]) return keysA[i]! < keysB[i]! ? -1 : 1;
  }
  return keysA.length - keysB.length;
}
