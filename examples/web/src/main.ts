// The web example: the merged schedule with infinite scroll (Apollo Client's
// relayStylePagination), narrowed by conference, day (the conference's local dates), track
// and a search box; a "now and next" view; and a speaker's sessions. Every operation is a
// typed document generated from examples/operations, sent by its persisted hash, so the
// page also works against a gateway with PERSISTED_OPERATIONS_ONLY=true. Schedule changes
// arrive live (the SessionChanges subscription over HTTP multipart): a listed session whose
// room changed gets a "moved to …" badge.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import type { DocumentNode } from 'graphql';

import {
  ConferencesDocument,
  HomeScheduleDocument,
  NowAndNextDocument,
  SessionChangesDocument,
  SpeakersDocument,
  SpeakerSessionsDocument,
  TrackFilterDocument,
  type ConferencesQuery,
  type HomeScheduleQuery,
  type SessionCardFragment,
  type SessionFilter,
} from '../../generated/graphql.js';

const PAGE_SIZE = 100;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusLine = byId<HTMLParagraphElement>('status');
const schedule = byId<HTMLOListElement>('schedule');
const sentinel = byId<HTMLDivElement>('sentinel');
const endNote = byId<HTMLParagraphElement>('end');
const trackSelect = byId<HTMLSelectElement>('track');
const speakerSelect = byId<HTMLSelectElement>('speaker');
const conferenceSelect = byId<HTMLSelectElement>('conference');
const daySelect = byId<HTMLSelectElement>('day');
const searchInput = byId<HTMLInputElement>('search');
const nowButton = byId<HTMLButtonElement>('now-button');

type Conference = ConferencesQuery['conferences'][number];
const conferences = new Map<string, Conference>();

/** The clock of the "now" view: `?now=<ISO instant>` fixes it (demos, tests), else the real one. */
const fixedNow = new URLSearchParams(location.search).get('now');
const clock = () => (fixedNow && !Number.isNaN(Date.parse(fixedNow)) ? new Date(fixedNow) : new Date());

/** The hash codegen embedded in each document (`__meta__.hash`, `sha256:<hex>`). */
function documentHash(document: DocumentNode): string {
  const hash = (document as DocumentNode & { __meta__?: { hash?: string } }).__meta__?.hash;
  if (!hash) throw new Error('Document without a persisted hash: run npm run codegen.');
  return hash.replace(/^sha256:/, '');
}

const client = new ApolloClient({
  link: new PersistedQueryLink({ generateHash: documentHash }).concat(new HttpLink({ uri: '/graphql' })),
  cache: new InMemoryCache({
    typePolicies: {
      // One cached list per filter; pages are merged by cursor as they arrive.
      Query: { fields: { sessions: relayStylePagination(['filter']) } },
      Speaker: { fields: { sessions: relayStylePagination() } },
    },
  }),
});

/** Times are shown in the chosen conference's time zone, else in UTC. */
function shownZone(): string {
  return conferences.get(conferenceSelect.value)?.timeZone ?? 'UTC';
}

function sessionItem(session: SessionCardFragment): HTMLLIElement {
  const zone = shownZone();
  const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: zone });
  const item = document.createElement('li');
  item.className = 'session';
  item.dataset.sessionId = session.id;
  if (session.startTime) item.dataset.start = session.startTime;
  if (session.endTime) item.dataset.end = session.endTime;
  item.dataset.allDay = String(session.allDay);
  const source = document.createElement('span');
  source.className = 'source';
  source.textContent = session.source;
  const name = document.createElement('strong');
  name.className = 'name';
  name.textContent = session.name;
  const when = document.createElement('div');
  when.className = 'when';
  const start = session.startTime ? `${timeFormat.format(new Date(session.startTime))} ${zone}` : 'Time to be announced';
  const room = session.locations?.map((location) => location.name).join(', ');
  when.textContent = room ? `${start} · ${room}` : start;
  item.append(source, name, when);
  for (const track of session.tracks ?? []) {
    const tag = document.createElement('span');
    tag.className = 'track';
    tag.style.borderLeftColor = track.color ?? '#999';
    tag.textContent = track.name;
    item.append(tag);
  }
  return item;
}

/** The schedule for the current track filter: renders pages as the cache merges them. */
let current: { stop(): void; loadMore(): void } | undefined;

function sentinelInView(): boolean {
  return sentinel.getBoundingClientRect().top < window.innerHeight;
}

/** The schedule's filter from the pickers and the search box (null: everything). */
function currentFilter(): SessionFilter | null {
  const filter: SessionFilter = {};
  if (trackSelect.value) filter.trackId = trackSelect.value;
  if (conferenceSelect.value) filter.conferenceId = conferenceSelect.value;
  if (conferenceSelect.value && daySelect.value) filter.day = daySelect.value;
  const search = searchInput.value.trim();
  if (search) filter.search = search;
  return Object.keys(filter).length > 0 ? filter : null;
}

function showSchedule(): void {
  current?.stop();
  schedule.replaceChildren();
  endNote.hidden = true;
  const shown = new Set<string>();
  const filter = currentFilter();
  statusLine.textContent = 'Loading…';
  statusLine.dataset.complete = 'false';
  statusLine.dataset.shown = '0';
  statusLine.dataset.filter = JSON.stringify(filter);
  const query = client.watchQuery({ query: HomeScheduleDocument, variables: { first: PAGE_SIZE, filter } });
  let loading = false;
  let more = false;
  let endCursor: string | null = null;
  const variables = { first: PAGE_SIZE, filter };
  const render = (connection: HomeScheduleQuery['sessions']) => {
    if (!connection) return;
    const fresh = document.createDocumentFragment();
    for (const edge of connection.edges) {
      if (shown.has(edge.node.id)) continue;
      shown.add(edge.node.id);
      fresh.append(sessionItem(edge.node as SessionCardFragment));
    }
    schedule.append(fresh);
    more = connection.pageInfo.hasNextPage;
    endCursor = connection.pageInfo.endCursor ?? null;
    endNote.hidden = more;
    statusLine.textContent = `Showing ${shown.size} of ${connection.totalCount} sessions${more ? ' — scroll for more' : ''}.`;
    statusLine.dataset.shown = String(shown.size);
    statusLine.dataset.total = String(connection.totalCount);
    statusLine.dataset.complete = String(!more);
    // A short first page may not fill the screen: keep loading while the sentinel shows.
    requestAnimationFrame(() => {
      if (sentinelInView()) loadMore();
    });
  };
  const subscription = query.subscribe(({ data, dataState, error }) => {
    if (error) {
      statusLine.textContent = `Error: ${error.message}`;
      return;
    }
    if (dataState === 'complete') render(data.sessions);
  });
  const loadMore = () => {
    if (loading || !more) return;
    loading = true;
    query
      .fetchMore({ variables: { after: endCursor } })
      .then(
        // relayStylePagination has merged the page into the cached list; render from the
        // cache rather than wait for the watch, which does not always re-emit after a merge.
        () => render(client.readQuery({ query: HomeScheduleDocument, variables })?.sessions ?? null),
        (error: unknown) => {
          statusLine.textContent = `Error: ${error instanceof Error ? error.message : String(error)}`;
        },
      )
      .finally(() => {
        loading = false;
        // The sentinel may have come into view while this page was loading, and the
        // observer reports only changes: look again.
        requestAnimationFrame(() => {
          if (sentinelInView()) loadMore();
        });
      });
  };
  current = { stop: () => subscription.unsubscribe(), loadMore };
}

/**
 * Live changes: a session whose room changed gets a "moved to …" badge wherever it is listed.
 * On a dropped stream the subscription starts again after the last token seen (`since`), so
 * no change is missed.
 */
let lastToken: string | undefined;
function followChanges(): void {
  const live = client.subscribe({ query: SessionChangesDocument, variables: lastToken ? { since: lastToken } : {} });
  const subscription = live.subscribe({
    next: ({ data }) => {
      const change = data?.sessionChanged;
      if (!change) return;
      lastToken = change.token;
      if (change.kind !== 'UPDATED' || !change.changedFields.includes('LOCATION') || !change.session) return;
      const rooms = (change.session.locations ?? []).map((location) => location.name).join(', ') || 'no room';
      for (const item of document.querySelectorAll<HTMLLIElement>(`li.session[data-session-id="${CSS.escape(change.sessionId)}"]`)) {
        let badge = item.querySelector<HTMLSpanElement>('.moved');
        if (!badge) {
          badge = document.createElement('span');
          badge.className = 'moved';
          badge.setAttribute('role', 'status');
          item.querySelector('.name')?.after(badge);
        }
        badge.textContent = `moved to ${rooms}`;
      }
    },
    error: () => {
      subscription.unsubscribe();
      setTimeout(followChanges, 2_000);
    },
    complete: () => setTimeout(followChanges, 2_000),
  });
}

new IntersectionObserver((entries) => {
  if (entries.some((entry) => entry.isIntersecting)) current?.loadMore();
}).observe(sentinel);

async function fillTracks(): Promise<void> {
  const { data } = await client.query({ query: TrackFilterDocument, variables: { first: 100 } });
  for (const edge of data?.tracks?.edges ?? []) {
    const option = new Option(`${edge.node.name} (${edge.node.source.toLowerCase()})`, edge.node.id);
    trackSelect.append(option);
  }
}

/** "Mon, Oct 21" for a local date: the date is already the conference's own, so format it as is. */
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'short', month: 'short', day: 'numeric', timeZone: 'UTC' });

async function fillConferences(): Promise<void> {
  const { data } = await client.query({ query: ConferencesDocument });
  for (const conference of data?.conferences ?? []) {
    conferences.set(conference.id, conference);
    conferenceSelect.append(new Option(`${conference.name} (${conference.timeZone})`, conference.id));
  }
}

/** The day picker: the chosen conference's local dates, in its time zone. */
function fillDays(): void {
  const conference = conferences.get(conferenceSelect.value);
  daySelect.replaceChildren(new Option(conference ? `All days (${conference.timeZone})` : 'All days', ''));
  for (const day of conference?.days ?? []) daySelect.append(new Option(dayFormat.format(new Date(`${day}T12:00:00Z`)), day));
  daySelect.disabled = !conference;
}

/** The "now" view: sessions running at the clock's instant, and those starting in the next two hours. */
async function showNow(): Promise<void> {
  const now = clock();
  const soon = new Date(now.getTime() + 2 * 3_600_000);
  const nowView = byId<HTMLElement>('now-view');
  const nowList = byId<HTMLOListElement>('now-list');
  const nextList = byId<HTMLOListElement>('next-list');
  nowView.dataset.ready = 'false';
  const conferenceId = conferenceSelect.value || undefined;
  const zone = shownZone();
  byId('now-clock').textContent = `${new Intl.DateTimeFormat(undefined, { dateStyle: 'full', timeStyle: 'short', timeZone: zone }).format(now)} (${zone})`;
  try {
    const { data } = await client.query({
      query: NowAndNextDocument,
      variables: { conferenceId, now: now.toISOString(), soon: soon.toISOString() },
      fetchPolicy: 'network-only',
    });
    nowList.replaceChildren(...(data?.now?.edges ?? []).map((edge) => sessionItem(edge.node as SessionCardFragment)));
    nextList.replaceChildren(...(data?.next?.edges ?? []).map((edge) => sessionItem(edge.node as SessionCardFragment)));
    nowList.dataset.total = String(data?.now?.totalCount ?? 0);
    nextList.dataset.total = String(data?.next?.totalCount ?? 0);
    nowView.dataset.now = now.toISOString();
    nowView.dataset.ready = 'true';
  } catch (error: unknown) {
    statusLine.textContent = `Error: ${error instanceof Error ? error.message : String(error)}`;
  }
}

function toggleNow(on: boolean): void {
  nowButton.setAttribute('aria-pressed', String(on));
  byId<HTMLElement>('now-view').hidden = !on;
  byId<HTMLElement>('schedule-view').hidden = on;
  if (on) void showNow();
}

async function fillSpeakers(): Promise<void> {
  const { data } = await client.query({ query: SpeakersDocument, variables: { first: 100 } });
  for (const edge of data?.speakers?.edges ?? []) speakerSelect.append(new Option(edge.node.displayName, edge.node.id));
}

async function showSpeaker(id: string): Promise<void> {
  const panel = byId<HTMLElement>('speaker-panel');
  if (!id) {
    panel.hidden = true;
    return;
  }
  const { data } = await client.query({ query: SpeakerSessionsDocument, variables: { id, first: 50 } });
  const speaker = data?.node && 'displayName' in data.node ? data.node : null;
  if (!speaker) return;
  byId('speaker-name').textContent = speaker.displayName;
  byId('speaker-meta').textContent = [speaker.title, speaker.company].filter(Boolean).join(', ');
  const list = byId<HTMLOListElement>('speaker-sessions');
  list.replaceChildren(...(speaker.sessions?.edges ?? []).map((edge) => sessionItem(edge.node as SessionCardFragment)));
  list.dataset.total = String(speaker.sessions?.totalCount ?? 0);
  panel.hidden = false;
}

const nowShown = () => nowButton.getAttribute('aria-pressed') === 'true';
let searchTimer: ReturnType<typeof setTimeout> | undefined;
trackSelect.addEventListener('change', () => showSchedule());
daySelect.addEventListener('change', () => showSchedule());
conferenceSelect.addEventListener('change', () => {
  fillDays();
  showSchedule();
  if (nowShown()) void showNow();
});
searchInput.addEventListener('input', () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(() => showSchedule(), 300);
});
nowButton.addEventListener('click', () => toggleNow(!nowShown()));
speakerSelect.addEventListener('change', () => void showSpeaker(speakerSelect.value));
showSchedule();
followChanges();
void Promise.all([fillTracks(), fillSpeakers(), fillConferences()]).then(() => {
  document.body.dataset.ready = 'true';
});
