import { isLocalDate, localDayBounds } from '../datetime/index.js';
import { UserInputError } from '../errors/index.js';
import { expectGlobalId } from '../ids/globalId.js';
import { searchWords, type SessionSource, type SessionWindow } from '../models/index.js';
import type { ProviderName } from '../providers.js';
import { characterCount } from './fields.js';

/** `SessionFilter` as GraphQL gives it: every field optional, null meaning "not given". */
export interface SessionFilterInput {
  sources?: readonly SessionSource[] | null;
  guideId?: string | null;
  trackId?: string | null;
  importId?: string | null;
  published?: boolean | null;
  conferenceId?: string | null;
  startsAfter?: Date | null;
  startsBefore?: Date | null;
  endsAfter?: Date | null;
  endsBefore?: Date | null;
  happeningAt?: Date | null;
  /** `YYYY-MM-DD` (a Date, as some Date scalars give, counts by its UTC calendar date). */
  day?: string | Date | null;
  locationId?: string | null;
  speakerId?: string | null;
  search?: string | null;
  ids?: readonly string[] | null;
}

/** An object a filter names by global ID, decoded. */
export interface FilterRef {
  provider: ProviderName;
  sourceId: string;
}

/**
 * A `SessionFilter` checked and decoded: ids as provider and source id, the time arguments
 * as one window of instants (`day` is kept apart: its bounds depend on each conference's
 * time zone), the search as its words. Absent fields are undefined, never null.
 */
export interface ValidSessionFilter {
  sources?: SessionSource[];
  /** Guidebook guide id. */
  guideId?: string;
  track?: FilterRef;
  importId?: string;
  published?: boolean;
  conference?: FilterRef;
  location?: FilterRef;
  /** Planstone person id. */
  speakerPid?: string;
  /** startsAfter … happeningAt; empty when none is given. */
  window: SessionWindow;
  /** A local date, `YYYY-MM-DD`. */
  day?: string;
  /** The search's words (searchWords): at least one when given. */
  search?: string[];
  /** Only these sessions (decoded global IDs, each once; at most MAX_FILTER_IDS). */
  ids?: FilterRef[];
}

/** Most session IDs `SessionFilter.ids` may list. */
export const MAX_FILTER_IDS = 100;

/** Longest `search`, in characters (code points). */
export const MAX_SEARCH_LENGTH = 200;

/**
 * Checks a `SessionFilter` before any provider is asked, and decodes it. Every mistake is
 * BAD_USER_INPUT naming the argument (`filter.startsAfter`, ...; `prefix` is the argument's
 * own name): an ID that is not one, or names another type (`conferenceId` must be a
 * Conference, `locationId` a Location, `speakerId` a Speaker, `guideId` a Guide, `trackId` a
 * Track); `startsAfter` later than `startsBefore`, `endsAfter` later than `endsBefore`; a
 * `day` that is not a `YYYY-MM-DD` date; a `search` that is empty, only whitespace, without
 * a letter or digit, or longer than 200 characters; `ids` with more than 100 IDs, or one
 * that is not a Session's. Equal bounds are allowed (nothing matches them).
 */
export function validateSessionFilter(input: SessionFilterInput, prefix = 'filter'): ValidSessionFilter {
  const arg = (name: string) => `${prefix}.${name}`;
  const valid: ValidSessionFilter = { window: {} };
  if (input.sources != null) valid.sources = [...input.sources];
  if (input.guideId != null) valid.guideId = expectGlobalId(input.guideId, arg('guideId'), 'Guide').sourceId;
  if (input.trackId != null) valid.track = ref(expectGlobalId(input.trackId, arg('trackId'), 'Track'));
  if (input.importId != null) valid.importId = input.importId;
  if (input.published != null) valid.published = input.published;
  if (input.conferenceId != null) valid.conference = ref(expectGlobalId(input.conferenceId, arg('conferenceId'), 'Conference'));
  if (input.locationId != null) valid.location = ref(expectGlobalId(input.locationId, arg('locationId'), 'Location'));
  if (input.speakerId != null) valid.speakerPid = expectGlobalId(input.speakerId, arg('speakerId'), 'Speaker').sourceId;

  for (const bound of ['startsAfter', 'startsBefore', 'endsAfter', 'endsBefore', 'happeningAt'] as const) {
    const value = input[bound];
    if (value == null) continue;
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) throw new UserInputError(`\`${arg(bound)}\` is not a valid DateTime.`, arg(bound));
    valid.window[bound] = value;
  }
  const { startsAfter, startsBefore, endsAfter, endsBefore } = valid.window;
  if (startsAfter && startsBefore && startsAfter.getTime() > startsBefore.getTime()) {
    throw new UserInputError(`\`${arg('startsAfter')}\` must not be later than \`${arg('startsBefore')}\`.`, arg('startsAfter'));
  }
  if (endsAfter && endsBefore && endsAfter.getTime() > endsBefore.getTime()) {
    throw new UserInputError(`\`${arg('endsAfter')}\` must not be later than \`${arg('endsBefore')}\`.`, arg('endsAfter'));
  }

  if (input.day != null) {
    // A Date scalar that parses to a JS Date (UTC midnight) gives its calendar date.
    const day: unknown = input.day instanceof Date && !Number.isNaN(input.day.getTime()) ? input.day.toISOString().slice(0, 10) : input.day;
    // The date after it must exist too (its midnight ends the day): 9999-12-31 has none.
    if (typeof day !== 'string' || !isLocalDate(day) || localDayBounds(day, 'UTC') === null) {
      throw new UserInputError(`\`${arg('day')}\` must be a date written YYYY-MM-DD, e.g. "2026-11-01".`, arg('day'));
    }
    valid.day = day;
  }

  if (input.search != null) {
    const search = input.search;
    if (search.trim().length === 0) throw new UserInputError(`\`${arg('search')}\` must not be empty or only whitespace.`, arg('search'));
    const length = characterCount(search);
    if (length > MAX_SEARCH_LENGTH) {
      throw new UserInputError(`\`${arg('search')}\` must be at most ${MAX_SEARCH_LENGTH} characters (this has ${length}).`, arg('search'));
    }
    const words = searchWords(search);
    if (words.length === 0) throw new UserInputError(`\`${arg('search')}\` must contain at least one letter or digit.`, arg('search'));
    valid.search = words;
  }

  if (input.ids != null) {
    if (input.ids.length > MAX_FILTER_IDS) {
      throw new UserInputError(`\`${arg('ids')}\` may list at most ${MAX_FILTER_IDS} IDs (this has ${input.ids.length}).`, arg('ids'));
    }
    const seen = new Set<string>();
    valid.ids = [];
    for (const id of input.ids) {
      const decoded = ref(expectGlobalId(id, arg('ids'), 'Session'));
      const key = `${decoded.provider}:${decoded.sourceId}`;
      if (!seen.has(key)) valid.ids.push(decoded);
      seen.add(key);
    }
  }
  return valid;
}

function ref({ provider, sourceId }: FilterRef): FilterRef {
  return { provider, sourceId };
}
