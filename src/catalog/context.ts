import type { GraphQLError } from 'graphql';

import type { ChangeLog } from '../changes/changeLog.js';
import type { DataSources } from '../datasources/providers.js';

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
  /** The gateway's change log (issue 20): subscriptions follow it. One per gateway, shared by every operation. */
  changeLog: ChangeLog;
}
