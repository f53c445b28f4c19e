import type { GraphQLError } from 'graphql';

import type { ChangeLog } from '../changes/changeLog.js';
import type { DataSources } from '../datasources/providers.js';
import type { ClientSessionChangeRecord } from '../models/clientSessionChange.js';
import type { PersonalizedScheduleChangeRecord } from '../models/personalizedScheduleChange.js';

/** An error to add to the response without failing the field it belongs to. */
export interface PartialError {
  error: GraphQLError;
  path: ReadonlyArray<string | number>;
}

/**
 * What every resolver gets: this operation's datasources, and a way to report partial
 * failures. Built per request by server/createGateway; declared here, below the resolvers,
 * so that neither they nor the catalog import from server/.
 */
export interface GatewayContext {
  requestId: string;
  dataSources: DataSources;
  /**
   * Errors of a field that still returns data (a merged connection missing one provider).
   * The partial-results plugin adds them to the response's `errors`.
   */
  partialErrors: PartialError[];
  /** The change log every replica shares (Redis Stream with `REDIS_URL`, else memory): `sessionChanges`, subscriptions. */
  changeLog: ChangeLog;
  /** The change logs of the further kinds (a stream each, beside the sessions'): their delta queries and subscriptions. */
  changeLogs: ChangeKindLogs;
}

/** The change logs of personalized schedules and Roundware client sessions. */
export interface ChangeKindLogs {
  personalizedSchedules: ChangeLog<PersonalizedScheduleChangeRecord>;
  clientSessions: ChangeLog<ClientSessionChangeRecord>;
}
