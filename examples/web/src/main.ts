// The web example: the merged schedule with infinite scroll (Apollo Client's
// relayStylePagination), a track filter, and a speaker's sessions. Every operation is a
// typed document generated from examples/operations, sent by its persisted hash, so the
// page also works against a gateway with PERSISTED_OPERATIONS_ONLY=true.
import { ApolloClient, HttpLink, InMemoryCache } from '@apollo/client';
import { PersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { relayStylePagination } from '@apollo/client/utilities';
import type { DocumentNode } from 'graphql';

import {
  HomeScheduleDocument,
  SpeakersDocument,
  SpeakerSessionsDocument,
  TrackFilterDocument,
  type HomeScheduleQuery,
  type SessionCardFragment,
} from '../../generated/graphql.js';

const PAGE_SIZE = 100;

const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const statusLine = byId<HTMLParagraphElement>('status');
const schedule = byId<HTMLOListElement>('schedule');
const sentinel = byId<HTMLDivElement>('sentinel');
const endNote = byId<HTMLParagraphElement>('end');
const trackSelect = byId<HTMLSelectElement>('track');
const speakerSelect = byId<HTMLSelectElement>('speaker');

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

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

function sessionItem(session: SessionCardFragment): HTMLLIElement {
  const item = document.createElement('li');
  item.className = 'session';
  item.dataset.sessionId = session.id;
  const source = document.createElement('span');
  source.className = 'source';
  source.textContent = session.source;
  const name = document.createElement('strong');
  name.className = 'name';
  name.textContent = session.name;
  const when = document.createElement('div');
  when.className = 'when';
  const start = session.startTime ? timeFormat.format(new Date(session.startTime)) + ' UTC' : 'Time to be announced';
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

function showSchedule(trackId: string): void {
  current?.stop();
  schedule.replaceChildren();
  endNote.hidden = true;
  const shown = new Set<string>();
  const filter = trackId ? { trackId } : null;
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

trackSelect.addEventListener('change', () => showSchedule(trackSelect.value));
speakerSelect.addEventListener('change', () => void showSpeaker(speakerSelect.value));
showSchedule('');
void Promise.all([fillTracks(), fillSpeakers()]).then(() => {
  document.body.dataset.ready = 'true';
});
