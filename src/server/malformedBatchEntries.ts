import { HeaderMap, type GraphQLRequest, type GraphQLResponse } from '@apollo/server';
import type { RequestHandler } from 'express';
import type { GraphQLFormattedError } from 'graphql';

import { ErrorCode } from '../errors/index.js';

/**
 * The stand-in operation of each malformed batch entry, by its `extensions` object (which
 * Apollo Server hands to plugins as `request.extensions`, the same object): only entries this
 * middleware replaced are answered with their error, whatever a client sends.
 */
const standIns = new WeakMap<object, GraphQLFormattedError>();

/** The trivial document a stand-in carries, so Apollo Server takes it through its pipeline. */
const STAND_IN_QUERY = '{ __typename }';

/**
 * Answers a batch entry by entry. Apollo Server refuses a whole batch when one entry is not
 * an operation (a number, `null`, an array, `{}`, a non-string `query`, string `variables`,
 * ...) with one misleading "POST body missing, invalid Content-Type, or JSON object has no
 * keys". Each such entry is replaced here by a stand-in that `malformedEntryAnswer`
 * answers with its own BAD_REQUEST error saying what is wrong with it; the valid entries run
 * as usual, and the answer keeps the batch's order. A single (non-batch) body is left to
 * Apollo Server.
 */
export function malformedBatchEntries(): RequestHandler {
  return (req, _res, next) => {
    const body: unknown = req.body;
    if (req.method === 'POST' && Array.isArray(body) && body.length > 0) {
      req.body = body.map((entry: unknown, index) => {
        const problem = entryProblem(entry);
        if (problem === null) return entry;
        const extensions = {};
        standIns.set(extensions, { message: `Batch entry ${index} is not a GraphQL operation: ${problem}.`, extensions: { code: ErrorCode.BAD_REQUEST } });
        return { query: STAND_IN_QUERY, extensions };
      });
    }
    next();
  };
}

/**
 * The answer of a stand-in of `malformedBatchEntries` (its error, without executing it), for
 * the plugin's `responseForOperation`; undefined for every other request.
 */
export function malformedEntryAnswer(request: GraphQLRequest): GraphQLResponse | undefined {
  const error = request.extensions ? standIns.get(request.extensions) : undefined;
  if (!error) return undefined;
  // No HTTP status of its own: the batch's status is its other entries' (200 when they ran).
  return { http: { status: undefined, headers: new HeaderMap() }, body: { kind: 'single', singleResult: { errors: [error] } } };
}

/** What Apollo Server would refuse in a batch entry (its runHttpQuery checks), or null. */
function entryProblem(entry: unknown): string | null {
  if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
    return `each entry must be a JSON object with a \`query\` (or a persisted operation's id), not ${entry === null ? 'null' : Array.isArray(entry) ? 'an array' : `a ${typeof entry}`}`;
  }
  const fields = entry as Record<string, unknown>;
  if (Object.keys(fields).length === 0) return "it is an empty object; send a `query` (or a persisted operation's id)";
  if (fields.query !== undefined && fields.query !== null && typeof fields.query !== 'string') return '`query` must be a string';
  for (const name of ['variables', 'extensions'] as const) {
    const value = fields[name];
    if (value !== undefined && value !== null && (typeof value !== 'object' || Array.isArray(value))) return `\`${name}\` must be a JSON object`;
  }
  if (fields.operationName !== undefined && fields.operationName !== null && typeof fields.operationName !== 'string')
    return '`operationName` must be a string';
  return null;
}
