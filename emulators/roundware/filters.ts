import { naiveKey, parseNaiveDateTime } from './datetime.js';
import type { RoundwareStore } from './store.js';
import type { RoundwareSession } from './types.js';

type Predicate = (session: RoundwareSession) => boolean;

/**
 * Turns one query value into a predicate, or undefined when the value is empty or does not
 * clean; django-filter 2.2 filters only over `form.cleaned_data`, so such a filter is
 * silently dropped (no 400).
 */
type FilterDefinition = (value: string, store: RoundwareStore) => Predicate | undefined;

// Django's forms.DecimalField (NumberFilter): stripped, Decimal(), finite only.
const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const BOOLEAN_CHOICES: Record<string, boolean> = { true: true, false: false, '1': true, '0': false };

const number =
  (key: 'project_id' | 'language_id'): FilterDefinition =>
  (value) => {
    const text = value.trim();
    if (!DECIMAL.test(text)) return undefined;
    const wanted = Number(text);
    return Number.isFinite(wanted) ? (s) => s[key] === wanted : undefined;
  };

const choice =
  (key: 'geo_listen_enabled' | 'demo_stream_enabled'): FilterDefinition =>
  (value) => {
    // A ChoiceField compares the raw text: `True`, ` true` or `yes` are not choices.
    if (!Object.hasOwn(BOOLEAN_CHOICES, value)) return undefined;
    const wanted = BOOLEAN_CHOICES[value];
    return (s) => s[key] === wanted;
  };

const exactText =
  (key: 'device_id' | 'client_type' | 'client_system' | 'timezone'): FilterDefinition =>
  (value) => {
    const text = value.trim(); // forms.CharField strips
    return text === '' ? undefined : (s) => s[key] === text;
  };

const exactDateTime =
  (key: 'starttime' | 'stoptime'): FilterDefinition =>
  (value) => {
    const parsed = parseNaiveDateTime(value.trim(), { allowOffset: false, allowDateOnly: true });
    if (!parsed) return undefined;
    const wanted = naiveKey(parsed);
    return (s) => {
      const stored = s[key];
      if (stored === null) return false;
      const own = parseNaiveDateTime(stored, { allowOffset: false, allowDateOnly: false });
      return own !== undefined && naiveKey(own) === wanted;
    };
  };

/**
 * `SessionFilterSet`: the declared filters, then the exact filters django-filter adds for
 * every other model field (`Meta.exclude = []`). `project` is a ModelChoiceFilter, so an
 * unknown project id does not clean and is dropped, unlike `project_id=99` which matches none.
 */
export const SESSION_FILTERS: Readonly<Record<string, FilterDefinition>> = {
  project_id: number('project_id'),
  language_id: number('language_id'),
  language: (value, store) => {
    const code = value.trim();
    if (code === '') return undefined;
    const ids = new Set(store.languages.filter((l) => l.language_code === code).map((l) => l.id));
    return (s) => s.language_id !== null && ids.has(s.language_id);
  },
  geo_listen_enabled: choice('geo_listen_enabled'),
  demo_stream_enabled: choice('demo_stream_enabled'),
  device_id: exactText('device_id'),
  starttime: exactDateTime('starttime'),
  stoptime: exactDateTime('stoptime'),
  project: (value, store) => {
    const text = value.trim();
    const id = /^[+-]?\d+$/.test(text) ? Number.parseInt(text, 10) : undefined;
    return id !== undefined && store.project(id) ? (s) => s.project_id === id : undefined;
  },
  client_type: exactText('client_type'),
  client_system: exactText('client_system'),
  timezone: exactText('timezone'),
};

/** The sessions a `GET sessions/` query selects, in id order. Unknown parameters are ignored. */
export function filterSessions(store: RoundwareStore, query: URLSearchParams): RoundwareSession[] {
  const predicates: Predicate[] = [];
  for (const [name, definition] of Object.entries(SESSION_FILTERS)) {
    // A QueryDict hands a form the last value of a repeated parameter.
    const value = query.getAll(name).at(-1);
    if (value === undefined) continue;
    const predicate = definition(value, store);
    if (predicate) predicates.push(predicate);
  }
  return store.sessions.filter((s) => predicates.every((p) => p(s))).sort((a, b) => a.id - b.id);
}
