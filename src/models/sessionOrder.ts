import type { SessionModel } from './session.js';

export type SessionOrderField = 'START_TIME' | 'END_TIME';
export type OrderDirection = 'ASC' | 'DESC';

export interface SessionOrder {
  field: SessionOrderField;
  direction: OrderDirection;
}

export const DEFAULT_SESSION_ORDER: SessionOrder = { field: 'START_TIME', direction: 'ASC' };

/** Numeric ids compare as numbers (Guidebook orders `id` numerically), others as strings. */
export function compareSourceIds(a: string, b: string): number {
  const na = Number(a);
  const nb = Number(b);
  if (Number.isSafeInteger(na) && Number.isSafeInteger(nb)) return na - nb;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The one session order of the API: by the chosen time (sessions without one last, in
 * both directions), then source, then source id — a total order, so paging is stable and a
 * merge of per-provider lists sorted the same way is globally sorted.
 */
export function sessionComparator(order: SessionOrder = DEFAULT_SESSION_ORDER): (a: SessionModel, b: SessionModel) => number {
  const sign = order.direction === 'DESC' ? -1 : 1;
  const key = (s: SessionModel) => (order.field === 'END_TIME' ? s.endTime : s.startTime)?.getTime() ?? null;
  return (a, b) => {
    const ka = key(a);
    const kb = key(b);
    if (ka !== kb) {
      if (ka === null) return 1;
      if (kb === null) return -1;
      return sign * (ka - kb);
    }
    if (a.source !== b.source) return a.source < b.source ? -1 : 1;
    return sign * compareSourceIds(a.sourceId, b.sourceId);
  };
}
