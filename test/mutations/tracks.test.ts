import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import type { Harness } from '../support/gatewayHarness.js';
import { describeUpstreamFailures, payloadOf, refusedWithoutUpstreamCall, startMutationHarness, userErrorFields, type PayloadShape } from './support.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startMutationHarness();
});
afterAll(() => harness?.close());

const guide = (id: string) => toGlobalId('Guide', 'guidebook', id);
const track = (id: string) => toGlobalId('Track', 'guidebook', id);
const session = (id: string) => toGlobalId('Session', 'guidebook', id);

const FIELDS = 'id source sourceId name color importId guide { sourceId }';
const CREATE = `mutation($input: CreateTrackInput!) { createTrack(input: $input) { clientMutationId track { ${FIELDS} } userErrors { field message code } } }`;
const UPDATE = `mutation($input: UpdateTrackInput!) { updateTrack(input: $input) { clientMutationId track { ${FIELDS} } userErrors { field message code } } }`;
const DELETE = `mutation($input: DeleteTrackInput!) { deleteTrack(input: $input) { clientMutationId deletedTrackId userErrors { field message code } } }`;
const GUIDE_TRACKS = `query($guide: ID!) { tracks(filter: { guideId: $guide }, first: 100) { totalCount edges { node { ${FIELDS} } } } }`;

type TrackShape = { id: string; sourceId: string; name: string; color: string | null; importId: string | null };
type TracksPage = { tracks: { totalCount: number; edges: Array<{ node: TrackShape }> } };

describe('createTrack', () => {
  it('creates the track (color stored upper-case), and the cached track list afterwards includes it', async () => {
    const before = await harness.query<TracksPage>(GUIDE_TRACKS, { guide: guide('43') });
    const input = { clientMutationId: 't1', guideId: guide('43'), name: ' Security ', color: '#1f77b4', importId: 'sec' };
    const payload = payloadOf<PayloadShape & { track: TrackShape }>(await harness.query(CREATE, { input }), 'createTrack');
    expect(payload.clientMutationId).toBe('t1');
    expect(payload.track).toMatchObject({ source: 'GUIDEBOOK', name: 'Security', color: '#1F77B4', importId: 'sec', guide: { sourceId: '43' } });
    const after = await harness.query<TracksPage>(GUIDE_TRACKS, { guide: guide('43') });
    expect(after.data!.tracks.totalCount).toBe(before.data!.tracks.totalCount + 1);
    expect(after.data!.tracks.edges.map((e) => e.node)).toContainEqual(payload.track);
    const node = await harness.query<{ node: TrackShape }>(`{ node(id: "${payload.track.id}") { ... on Track { ${FIELDS} } } }`);
    expect(node.data!.node).toEqual(payload.track);
  });

  it.each([
    ['a blank name', { name: ' ' }, [['input.name', 'BAD_USER_INPUT']]],
    ['a color that is not #RRGGBB or #RGB', { color: '#12345678' }, [['input.color', 'BAD_USER_INPUT']]],
    ['a color name', { color: 'navy' }, [['input.color', 'BAD_USER_INPUT']]],
    ['the ID of a Session as guideId', { guideId: session('1') }, [['input.guideId', 'BAD_USER_INPUT']]],
  ])('refuses %s before any upstream call', async (_name, change, fields) => {
    const payload = await refusedWithoutUpstreamCall(harness, CREATE, { input: { guideId: guide('1'), name: 'Valid', ...change } }, 'createTrack');
    expect(userErrorFields(payload)).toEqual(fields);
  });
});

describe('updateTrack', () => {
  it('renames the track; the cached sessions that show it see the new name', async () => {
    const SESSION_TRACKS = `{ session(id: "${session('13')}") { tracks { sourceId name } } }`;
    await harness.query(`mutation { updateSession(input: { id: "${session('13')}", trackIds: ["${track('47')}"] }) { userErrors { message } } }`);
    const before = await harness.query<{ session: { tracks: Array<{ sourceId: string; name: string }> } }>(SESSION_TRACKS);
    expect(before.data!.session.tracks).toEqual([{ sourceId: '47', name: expect.any(String) }]);
    const payload = payloadOf<PayloadShape & { track: TrackShape }>(
      await harness.query(UPDATE, { input: { id: track('47'), name: 'Renamed track', color: null, importId: 'x-47' } }),
      'updateTrack',
    );
    expect(payload.track).toMatchObject({ sourceId: '47', name: 'Renamed track', color: null, importId: 'x-47' });
    const after = await harness.query<{ session: { tracks: Array<{ sourceId: string; name: string }> } }>(SESSION_TRACKS);
    expect(after.data!.session.tracks).toEqual([{ sourceId: '47', name: 'Renamed track' }]);
  });

  it.each([
    ['a Planstone track (read-only)', { id: toGlobalId('Track', 'planstone', 'Cardiology'), name: 'x' }, [['input.id', 'BAD_USER_INPUT']]],
    ['nothing to change', { id: track('3') }, [['input', 'BAD_USER_INPUT']]],
    ['a null name', { id: track('3'), name: null }, [['input.name', 'BAD_USER_INPUT']]],
    ['a bad color', { id: track('3'), color: '#GGG' }, [['input.color', 'BAD_USER_INPUT']]],
  ])('refuses %s before any upstream call', async (_name, input, fields) => {
    const payload = await refusedWithoutUpstreamCall(harness, UPDATE, { input }, 'updateTrack');
    expect(userErrorFields(payload)).toEqual(fields);
  });
});

describe('deleteTrack', () => {
  it('deletes the track: cached reads lose it, and the sessions that had it no longer list it', async () => {
    const SESSION_TRACKS = `{ session(id: "${session('101')}") { tracks { sourceId } } }`;
    await harness.query(
      `mutation { updateSession(input: { id: "${session('101')}", trackIds: ["${track('101')}", "${track('3')}"] }) { userErrors { message } } }`,
    );
    const before = await harness.query<{ session: { tracks: Array<{ sourceId: string }> } }>(SESSION_TRACKS);
    expect(before.data!.session.tracks.map((t) => t.sourceId).sort()).toEqual(['101', '3']);
    const tracksBefore = await harness.query<TracksPage>(GUIDE_TRACKS, { guide: guide('1') });

    const payload = payloadOf(await harness.query(DELETE, { input: { clientMutationId: 'd', id: track('101') } }), 'deleteTrack');
    expect(payload).toEqual({ clientMutationId: 'd', deletedTrackId: track('101'), userErrors: [] });

    const after = await harness.query<{ session: { tracks: Array<{ sourceId: string }> } }>(SESSION_TRACKS);
    expect(after.data!.session.tracks.map((t) => t.sourceId)).toEqual(['3']);
    const tracksAfter = await harness.query<TracksPage>(GUIDE_TRACKS, { guide: guide('1') });
    expect(tracksAfter.data!.tracks.totalCount).toBe(tracksBefore.data!.tracks.totalCount - 1);
    const node = await harness.query(`{ node(id: "${track('101')}") { id } }`);
    expect(node.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses a garbage ID before any upstream call', async () => {
    const payload = await refusedWithoutUpstreamCall(harness, DELETE, { input: { id: '***' } }, 'deleteTrack');
    expect(userErrorFields(payload)).toEqual([['input.id', 'BAD_USER_INPUT']]);
  });
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/schedule-tracks/',
  method: 'POST',
  field: 'createTrack',
  document: CREATE,
  variables: () => ({ input: { guideId: guide('1'), name: 'Failing' } }),
  rejected: {
    body: { color: ['Enter a valid hex color, e.g. "#000080".'], guide: ['Invalid pk "1" - object does not exist.'] },
    fields: [
      ['input.color', 'UPSTREAM_REJECTED'],
      ['input.guideId', 'UPSTREAM_REJECTED'],
    ],
  },
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/schedule-tracks/:id/',
  method: 'PATCH',
  field: 'updateTrack',
  document: UPDATE,
  variables: () => ({ input: { id: track('3'), name: 'Failing' } }),
  rejected: { body: { import_id: ['Ensure this field has no more than 255 characters.'] }, fields: [['input.importId', 'UPSTREAM_REJECTED']] },
  notFoundField: 'input.id',
});

describeUpstreamFailures(() => harness, {
  provider: 'guidebook',
  route: '/schedule-tracks/:id/',
  method: 'DELETE',
  field: 'deleteTrack',
  document: DELETE,
  variables: () => ({ input: { id: track('3') } }),
  rejected: { body: ['This track cannot be deleted.'], fields: [['input', 'UPSTREAM_REJECTED']] },
  notFoundField: 'input.id',
});
