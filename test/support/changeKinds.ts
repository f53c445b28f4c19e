import type { EmulatorSet } from '@sessions-gateway/emulators';
import { request } from 'undici';
import { expect } from 'vitest';

import { toGlobalId } from '../../src/ids/globalId.js';
import type { Harness } from './gatewayHarness.js';

// Personalized schedule and client session changes (issue 20): the delta queries and
// subscriptions, and the emulators' own REST APIs that make the changes.

export const SCHEDULE_CHANGES = /* GraphQL */ `
  query ScheduleChanges($since: String, $first: Int, $attendeeId: ID) {
    personalizedScheduleChanges(since: $since, first: $first, attendeeId: $attendeeId) {
      token
      hasMore
      changes {
        token
        kind
        personalizedScheduleId
        changedFields
        addedSessionIds
        removedSessionIds
        detectedAt
        personalizedSchedule {
          id
          name
          sessions(first: 100) {
            edges {
              node {
                id
              }
            }
          }
        }
      }
    }
  }
`;

export const CLIENT_SESSION_CHANGES = /* GraphQL */ `
  query ClientSessionChanges($since: String, $first: Int, $projectId: Int) {
    clientSessionChanges(since: $since, first: $first, projectId: $projectId) {
      token
      hasMore
      changes {
        token
        kind
        clientSessionId
        projectId
        detectedAt
        clientSession {
          id
          sourceId
          projectId
          clientSystem
        }
      }
    }
  }
`;

export const SCHEDULE_SUBSCRIPTION = `subscription Schedules($attendeeId: ID, $since: String) {
  personalizedScheduleChanged(attendeeId: $attendeeId, since: $since) { token kind personalizedScheduleId changedFields addedSessionIds removedSessionIds personalizedSchedule { id name } }
}`;

export const CLIENT_SESSION_SUBSCRIPTION = `subscription Started($projectId: Int, $since: String) {
  clientSessionStarted(projectId: $projectId, since: $since) { token kind clientSessionId projectId clientSession { id sourceId projectId clientSystem } }
}`;

export interface ScheduleChange {
  token: string;
  kind: string;
  personalizedScheduleId: string;
  changedFields: string[];
  addedSessionIds: string[];
  removedSessionIds: string[];
  detectedAt: string;
  personalizedSchedule: { id: string; name: string; sessions: { edges: Array<{ node: { id: string } }> } } | null;
}
export interface SchedulePage {
  token: string;
  hasMore: boolean;
  changes: ScheduleChange[];
}
export interface ClientSessionChange {
  token: string;
  kind: string;
  clientSessionId: string;
  projectId: number;
  detectedAt: string;
  clientSession: { id: string; sourceId: string; projectId: number; clientSystem: string | null } | null;
}
export interface ClientSessionPage {
  token: string;
  hasMore: boolean;
  changes: ClientSessionChange[];
}

/** A page of `personalizedScheduleChanges` (no errors expected). */
export async function scheduleChanges(harness: Harness, variables: Record<string, unknown>): Promise<SchedulePage> {
  const response = await harness.query<{ personalizedScheduleChanges: SchedulePage }>(SCHEDULE_CHANGES, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.personalizedScheduleChanges;
}

/** A page of `clientSessionChanges` (no errors expected). */
export async function clientSessionChanges(harness: Harness, variables: Record<string, unknown>): Promise<ClientSessionPage> {
  const response = await harness.query<{ clientSessionChanges: ClientSessionPage }>(CLIENT_SESSION_CHANGES, variables);
  expect(response.errors).toBeUndefined();
  return response.data!.clientSessionChanges;
}

export interface ScheduleWire {
  id: number;
  guide: number;
  name: string;
  sessions: number[];
  attendees: number[];
}

/** A request to the Guidebook emulator's REST API, as Guidebook's builder would make it. */
export async function guidebookRest(emulators: EmulatorSet, method: 'GET' | 'PATCH' | 'POST' | 'DELETE', path: string, body?: unknown): Promise<unknown> {
  const response = await request(new URL(path, emulators.env.GUIDEBOOK_API_URL), {
    method,
    headers: { authorization: `JWT ${emulators.env.GUIDEBOOK_API_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.body.text();
  if (response.statusCode >= 400) throw new Error(`${method} ${path}: ${response.statusCode} ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Starts a Roundware client session the way an app does: `POST sessions/` with its token. */
export async function startRoundwareSession(emulators: EmulatorSet, projectId: number, clientSystem: string): Promise<{ id: number; project_id: number }> {
  const response = await request(new URL('sessions/', emulators.env.ROUNDWARE_API_URL), {
    method: 'POST',
    headers: { authorization: `token ${emulators.env.ROUNDWARE_API_TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify({ project_id: projectId, client_system: clientSystem, timezone: '-0800' }),
  });
  const text = await response.body.text();
  if (response.statusCode !== 200) throw new Error(`POST sessions/: ${response.statusCode} ${text}`);
  return JSON.parse(text) as { id: number; project_id: number };
}

export const guidebookSessionId = (id: number | string) => toGlobalId('Session', 'guidebook', String(id));
export const scheduleId = (id: number | string) => toGlobalId('PersonalizedSchedule', 'guidebook', String(id));
export const attendeeId = (id: number | string) => toGlobalId('Attendee', 'guidebook', String(id));
export const clientSessionId = (id: number | string) => toGlobalId('ClientSession', 'roundware', String(id));
