/* eslint-disable */
import * as types from './graphql.js';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query AttendeeSchedule($attendeeId: ID!, $first: Int = 50) {\n  node(id: $attendeeId) {\n    id\n    ... on Attendee {\n      firstName\n      lastName\n      personalizedSchedules(first: 10) {\n        edges {\n          node {\n            id\n            name\n            sessions(first: $first) {\n              totalCount\n              edges {\n                node {\n                  ...SessionCard\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}": typeof types.AttendeeScheduleDocument,
    "query Conferences {\n  conferences {\n    id\n    source\n    name\n    timeZone\n    days\n    startDate\n    endDate\n  }\n}": typeof types.ConferencesDocument,
    "query HomeSchedule($first: Int = 20, $after: String, $filter: SessionFilter) {\n  sessions(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...SessionCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.HomeScheduleDocument,
    "query NowAndNext($conferenceId: ID, $now: DateTime!, $soon: DateTime!, $first: Int = 20) {\n  now: sessions(\n    first: $first\n    filter: {conferenceId: $conferenceId, happeningAt: $now}\n  ) {\n    totalCount\n    edges {\n      node {\n        ...SessionCard\n      }\n    }\n  }\n  next: sessions(\n    first: $first\n    filter: {conferenceId: $conferenceId, startsAfter: $now, startsBefore: $soon}\n  ) {\n    totalCount\n    edges {\n      node {\n        ...SessionCard\n      }\n    }\n  }\n}": typeof types.NowAndNextDocument,
    "query ProjectClientSessions($projectId: Int!, $first: Int = 50, $after: String) {\n  clientSessions(first: $first, after: $after, filter: {projectId: $projectId}) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        deviceId\n        clientType\n        clientSystem\n        languageId\n        geoListenEnabled\n        startTime\n        stopTime\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.ProjectClientSessionsDocument,
    "fragment SessionCard on Session {\n  id\n  source\n  name\n  startTime\n  endTime\n  allDay\n  locations {\n    name\n    venue\n  }\n  tracks {\n    id\n    name\n    color\n  }\n}": typeof types.SessionCardFragmentDoc,
    "subscription SessionChanges($filter: SessionFilter, $since: String) {\n  sessionChanged(filter: $filter, since: $since) {\n    token\n    kind\n    sessionId\n    changedFields\n    session {\n      id\n      locations {\n        name\n      }\n    }\n  }\n}": typeof types.SessionChangesDocument,
    "query SessionDetail($id: ID!) {\n  session(id: $id) {\n    ...SessionCard\n    descriptionHtml\n    imageUrl\n    sessionType\n    detailsUrl\n    maxCapacity\n    credits {\n      label\n      value\n    }\n    speakers(publishedOnly: true) {\n      role\n      displayName\n      speaker {\n        id\n        displayName\n        title\n        company\n        photoUrl\n      }\n    }\n    guide {\n      id\n      name\n      timeZone\n    }\n  }\n}": typeof types.SessionDetailDocument,
    "query SpeakerSessions($id: ID!, $first: Int = 50, $after: String) {\n  node(id: $id) {\n    id\n    ... on Speaker {\n      displayName\n      title\n      company\n      bioHtml\n      photoUrl\n      sessions(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...SessionCard\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n}": typeof types.SpeakerSessionsDocument,
    "query Speakers($first: Int = 50, $after: String) {\n  speakers(first: $first, after: $after, filter: {published: true}) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        displayName\n        title\n        company\n        photoUrl\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.SpeakersDocument,
    "query TrackFilter($first: Int = 100, $after: String) {\n  tracks(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        source\n        name\n        color\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": typeof types.TrackFilterDocument,
};
const documents: Documents = {
    "query AttendeeSchedule($attendeeId: ID!, $first: Int = 50) {\n  node(id: $attendeeId) {\n    id\n    ... on Attendee {\n      firstName\n      lastName\n      personalizedSchedules(first: 10) {\n        edges {\n          node {\n            id\n            name\n            sessions(first: $first) {\n              totalCount\n              edges {\n                node {\n                  ...SessionCard\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}": types.AttendeeScheduleDocument,
    "query Conferences {\n  conferences {\n    id\n    source\n    name\n    timeZone\n    days\n    startDate\n    endDate\n  }\n}": types.ConferencesDocument,
    "query HomeSchedule($first: Int = 20, $after: String, $filter: SessionFilter) {\n  sessions(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...SessionCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.HomeScheduleDocument,
    "query NowAndNext($conferenceId: ID, $now: DateTime!, $soon: DateTime!, $first: Int = 20) {\n  now: sessions(\n    first: $first\n    filter: {conferenceId: $conferenceId, happeningAt: $now}\n  ) {\n    totalCount\n    edges {\n      node {\n        ...SessionCard\n      }\n    }\n  }\n  next: sessions(\n    first: $first\n    filter: {conferenceId: $conferenceId, startsAfter: $now, startsBefore: $soon}\n  ) {\n    totalCount\n    edges {\n      node {\n        ...SessionCard\n      }\n    }\n  }\n}": types.NowAndNextDocument,
    "query ProjectClientSessions($projectId: Int!, $first: Int = 50, $after: String) {\n  clientSessions(first: $first, after: $after, filter: {projectId: $projectId}) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        deviceId\n        clientType\n        clientSystem\n        languageId\n        geoListenEnabled\n        startTime\n        stopTime\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.ProjectClientSessionsDocument,
    "fragment SessionCard on Session {\n  id\n  source\n  name\n  startTime\n  endTime\n  allDay\n  locations {\n    name\n    venue\n  }\n  tracks {\n    id\n    name\n    color\n  }\n}": types.SessionCardFragmentDoc,
    "subscription SessionChanges($filter: SessionFilter, $since: String) {\n  sessionChanged(filter: $filter, since: $since) {\n    token\n    kind\n    sessionId\n    changedFields\n    session {\n      id\n      locations {\n        name\n      }\n    }\n  }\n}": types.SessionChangesDocument,
    "query SessionDetail($id: ID!) {\n  session(id: $id) {\n    ...SessionCard\n    descriptionHtml\n    imageUrl\n    sessionType\n    detailsUrl\n    maxCapacity\n    credits {\n      label\n      value\n    }\n    speakers(publishedOnly: true) {\n      role\n      displayName\n      speaker {\n        id\n        displayName\n        title\n        company\n        photoUrl\n      }\n    }\n    guide {\n      id\n      name\n      timeZone\n    }\n  }\n}": types.SessionDetailDocument,
    "query SpeakerSessions($id: ID!, $first: Int = 50, $after: String) {\n  node(id: $id) {\n    id\n    ... on Speaker {\n      displayName\n      title\n      company\n      bioHtml\n      photoUrl\n      sessions(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...SessionCard\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n}": types.SpeakerSessionsDocument,
    "query Speakers($first: Int = 50, $after: String) {\n  speakers(first: $first, after: $after, filter: {published: true}) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        displayName\n        title\n        company\n        photoUrl\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.SpeakersDocument,
    "query TrackFilter($first: Int = 100, $after: String) {\n  tracks(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        source\n        name\n        color\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}": types.TrackFilterDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query AttendeeSchedule($attendeeId: ID!, $first: Int = 50) {\n  node(id: $attendeeId) {\n    id\n    ... on Attendee {\n      firstName\n      lastName\n      personalizedSchedules(first: 10) {\n        edges {\n          node {\n            id\n            name\n            sessions(first: $first) {\n              totalCount\n              edges {\n                node {\n                  ...SessionCard\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query AttendeeSchedule($attendeeId: ID!, $first: Int = 50) {\n  node(id: $attendeeId) {\n    id\n    ... on Attendee {\n      firstName\n      lastName\n      personalizedSchedules(first: 10) {\n        edges {\n          node {\n            id\n            name\n            sessions(first: $first) {\n              totalCount\n              edges {\n                node {\n                  ...SessionCard\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Conferences {\n  conferences {\n    id\n    source\n    name\n    timeZone\n    days\n    startDate\n    endDate\n  }\n}"): (typeof documents)["query Conferences {\n  conferences {\n    id\n    source\n    name\n    timeZone\n    days\n    startDate\n    endDate\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query HomeSchedule($first: Int = 20, $after: String, $filter: SessionFilter) {\n  sessions(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...SessionCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query HomeSchedule($first: Int = 20, $after: String, $filter: SessionFilter) {\n  sessions(first: $first, after: $after, filter: $filter) {\n    totalCount\n    edges {\n      cursor\n      node {\n        ...SessionCard\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query NowAndNext($conferenceId: ID, $now: DateTime!, $soon: DateTime!, $first: Int = 20) {\n  now: sessions(\n    first: $first\n    filter: {conferenceId: $conferenceId, happeningAt: $now}\n  ) {\n    totalCount\n    edges {\n      node {\n        ...SessionCard\n      }\n    }\n  }\n  next: sessions(\n    first: $first\n    filter: {conferenceId: $conferenceId, startsAfter: $now, startsBefore: $soon}\n  ) {\n    totalCount\n    edges {\n      node {\n        ...SessionCard\n      }\n    }\n  }\n}"): (typeof documents)["query NowAndNext($conferenceId: ID, $now: DateTime!, $soon: DateTime!, $first: Int = 20) {\n  now: sessions(\n    first: $first\n    filter: {conferenceId: $conferenceId, happeningAt: $now}\n  ) {\n    totalCount\n    edges {\n      node {\n        ...SessionCard\n      }\n    }\n  }\n  next: sessions(\n    first: $first\n    filter: {conferenceId: $conferenceId, startsAfter: $now, startsBefore: $soon}\n  ) {\n    totalCount\n    edges {\n      node {\n        ...SessionCard\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query ProjectClientSessions($projectId: Int!, $first: Int = 50, $after: String) {\n  clientSessions(first: $first, after: $after, filter: {projectId: $projectId}) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        deviceId\n        clientType\n        clientSystem\n        languageId\n        geoListenEnabled\n        startTime\n        stopTime\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query ProjectClientSessions($projectId: Int!, $first: Int = 50, $after: String) {\n  clientSessions(first: $first, after: $after, filter: {projectId: $projectId}) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        deviceId\n        clientType\n        clientSystem\n        languageId\n        geoListenEnabled\n        startTime\n        stopTime\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment SessionCard on Session {\n  id\n  source\n  name\n  startTime\n  endTime\n  allDay\n  locations {\n    name\n    venue\n  }\n  tracks {\n    id\n    name\n    color\n  }\n}"): (typeof documents)["fragment SessionCard on Session {\n  id\n  source\n  name\n  startTime\n  endTime\n  allDay\n  locations {\n    name\n    venue\n  }\n  tracks {\n    id\n    name\n    color\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "subscription SessionChanges($filter: SessionFilter, $since: String) {\n  sessionChanged(filter: $filter, since: $since) {\n    token\n    kind\n    sessionId\n    changedFields\n    session {\n      id\n      locations {\n        name\n      }\n    }\n  }\n}"): (typeof documents)["subscription SessionChanges($filter: SessionFilter, $since: String) {\n  sessionChanged(filter: $filter, since: $since) {\n    token\n    kind\n    sessionId\n    changedFields\n    session {\n      id\n      locations {\n        name\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SessionDetail($id: ID!) {\n  session(id: $id) {\n    ...SessionCard\n    descriptionHtml\n    imageUrl\n    sessionType\n    detailsUrl\n    maxCapacity\n    credits {\n      label\n      value\n    }\n    speakers(publishedOnly: true) {\n      role\n      displayName\n      speaker {\n        id\n        displayName\n        title\n        company\n        photoUrl\n      }\n    }\n    guide {\n      id\n      name\n      timeZone\n    }\n  }\n}"): (typeof documents)["query SessionDetail($id: ID!) {\n  session(id: $id) {\n    ...SessionCard\n    descriptionHtml\n    imageUrl\n    sessionType\n    detailsUrl\n    maxCapacity\n    credits {\n      label\n      value\n    }\n    speakers(publishedOnly: true) {\n      role\n      displayName\n      speaker {\n        id\n        displayName\n        title\n        company\n        photoUrl\n      }\n    }\n    guide {\n      id\n      name\n      timeZone\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SpeakerSessions($id: ID!, $first: Int = 50, $after: String) {\n  node(id: $id) {\n    id\n    ... on Speaker {\n      displayName\n      title\n      company\n      bioHtml\n      photoUrl\n      sessions(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...SessionCard\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n}"): (typeof documents)["query SpeakerSessions($id: ID!, $first: Int = 50, $after: String) {\n  node(id: $id) {\n    id\n    ... on Speaker {\n      displayName\n      title\n      company\n      bioHtml\n      photoUrl\n      sessions(first: $first, after: $after) {\n        totalCount\n        edges {\n          cursor\n          node {\n            ...SessionCard\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Speakers($first: Int = 50, $after: String) {\n  speakers(first: $first, after: $after, filter: {published: true}) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        displayName\n        title\n        company\n        photoUrl\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query Speakers($first: Int = 50, $after: String) {\n  speakers(first: $first, after: $after, filter: {published: true}) {\n    totalCount\n    edges {\n      cursor\n      node {\n        id\n        displayName\n        title\n        company\n        photoUrl\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query TrackFilter($first: Int = 100, $after: String) {\n  tracks(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        source\n        name\n        color\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"): (typeof documents)["query TrackFilter($first: Int = 100, $after: String) {\n  tracks(first: $first, after: $after) {\n    edges {\n      node {\n        id\n        source\n        name\n        color\n      }\n    }\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;