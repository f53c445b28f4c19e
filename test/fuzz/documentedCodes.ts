import { ErrorCode } from '../../src/errors/codes.js';

/**
 * The `extensions.code` values a client is told about: the gateway's own (src/errors/codes.ts,
 * the README's table) and the two graphql-js request errors docs/operations.md names
 * ("GraphQL over HTTP": a document that does not parse or validate).
 */
export const DOCUMENTED_CODES: ReadonlySet<string> = new Set<string>([...Object.values(ErrorCode), 'GRAPHQL_PARSE_FAILED', 'GRAPHQL_VALIDATION_FAILED']);
