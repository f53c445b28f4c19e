import type { SessionModel } from './session.js';

/**
 * A time window over sessions, as instants: the GraphQL filter's time arguments, with
 * `day` already turned into its conference's local-day bounds. Every bound is optional;
 * a session matches when it satisfies every bound given (see `sessionInWindow`). The
 * catalog builds it; datasources receive it and may push it down to their provider, but
 * must answer exactly the sessions `sessionInWindow` accepts.
 */
export interface SessionWindow {
  /** Start at or after this instant. */
  startsAfter?: Date;
  /** Start strictly before this instant. */
  startsBefore?: Date;
  /** Effective end strictly after this instant. */
  endsAfter?: Date;
  /** Effective end at or before this instant. */
  endsBefore?: Date;
  /** Running at this instant: start at or before it, effective end after it. */
  happeningAt?: Date;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a session ends for the time filters: its end time; without one, an all-day session
 * lasts 24 hours from its start and any other session ends at its start (zero length, so
 * it is never "happening"). Null when the session has no start either.
 */
export function effectiveEndMs(session: Pick<SessionModel, 'startTime' | 'endTime' | 'allDay'>): number | null {
  if (session.endTime) return session.endTime.getTime();
  if (!session.startTime) return null;
  return session.startTime.getTime() + (session.allDay ? DAY_MS : 0);
}

/**
 * Whether a window has no bound at all (every session is in it). A bound given as null
 * counts as absent, as it does in `sessionInWindow`.
 */
export function isWindowEmpty(window: SessionWindow | undefined): boolean {
  return !window || Object.values(window).every((bound) => bound === undefined || bound === null);
}

/**
 * `window` with its starts narrowed to `[startsAfter, startsBefore)` as well (a local day's
 * bounds): the later of the two lower bounds, the earlier of the two upper bounds.
 */
export function narrowStarts(window: SessionWindow, startsAfter: Date, startsBefore: Date): SessionWindow {
  return {
    ...window,
    startsAfter: window.startsAfter && window.startsAfter.getTime() > startsAfter.getTime() ? window.startsAfter : startsAfter,
    startsBefore: window.startsBefore && window.startsBefore.getTime() < startsBefore.getTime() ? window.startsBefore : startsBefore,
  };
}

/** Whether `session` satisfies every bound of `window`. A session without a start matches no bound. */
export function sessionInWindow(session: Pick<SessionModel, 'startTime' | 'endTime' | 'allDay'>, window: SessionWindow): boolean {
  if (isWindowEmpty(window)) return true;
  if (!session.startTime) return false;
  const start = session.startTime.getTime();
  const end = effectiveEndMs(session) ?? start;
  if (window.startsAfter && start < window.startsAfter.getTime()) return false;
  if (window.startsBefore && start >= window.startsBefore.getTime()) return false;
  if (window.endsAfter && end <= window.endsAfter.getTime()) return false;
  if (window.endsBefore && end > window.endsBefore.getTime()) return false;
  if (window.happeningAt) {
    const at = window.happeningAt.getTime();
    if (start > at || end <= at) return false;
  }
  return true;
}
