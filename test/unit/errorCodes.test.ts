import { readFileSync } from 'node:fs';
import path from 'node:path';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';

import { createFormatError, ErrorCode } from '../../src/errors/index.js';
import { projectRoot } from '../../src/projectRoot.js';

// Regression: the API sent BAD_REQUEST, OPERATION_RESOLUTION_FAILURE and
// PERSISTED_QUERY_NOT_FOUND without documenting them. Every code is in ErrorCode, the
// README's code table and docs/errors.md, and the masking boundary sends no other.

const read = (file: string) => readFileSync(path.join(projectRoot(), file), 'utf8');

describe('error codes', () => {
  it('include the codes Apollo Server sends for request errors', () => {
    for (const code of [
      'GRAPHQL_PARSE_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
      'BAD_REQUEST',
      'OPERATION_RESOLUTION_FAILURE',
      'PERSISTED_QUERY_NOT_FOUND',
      'PERSISTED_QUERY_NOT_SUPPORTED',
    ]) {
      expect(Object.values(ErrorCode)).toContain(code);
    }
  });

  it('are each in the README code table and in docs/errors.md', () => {
    const readme = read('README.md');
    const table = readme.slice(readme.indexOf('| code | meaning |'), readme.indexOf('No other code is ever sent'));
    const doc = read('docs/errors.md');
    for (const code of Object.values(ErrorCode)) {
      expect(table, `README table: ${code}`).toContain(`\`${code}\``);
      expect(doc, `docs/errors.md: ${code}`).toContain(`\`${code}\``);
    }
  });

  it('the masking boundary passes every ErrorCode and masks any other code', () => {
    const formatError = createFormatError();
    const format = (code: string) => {
      const error = new GraphQLError('a message', { extensions: { code } });
      return formatError({ message: error.message, extensions: error.extensions }, error);
    };
    for (const code of Object.values(ErrorCode)) expect(format(code).extensions?.code).toBe(code);
    expect(format('SOME_LIBRARY_CODE')).toEqual({ message: 'Internal server error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  });
});
