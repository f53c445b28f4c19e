import { malformedArgumentError } from '../../errors/index.js';
import { findLoneSurrogate } from '../../validation/findLoneSurrogate.js';
import type { OperationCheck } from './gatewayRequestPlugin.js';

/**
 * Refuses an operation any of whose string arguments holds a lone UTF-16 surrogate (sent
 * in variables: JSON allows `"\udc00"`, GraphQL's own strings do not) with BAD_USER_INPUT
 * naming the argument (`extensions.argumentName`, e.g. `filter.importId`), HTTP 400, before
 * execution and so before any upstream call. Such a value is not Unicode text: no provider
 * can be asked for it, and each would read it differently (URL encoding throws on it,
 * `URLSearchParams` turns it into U+FFFD), so one rule refuses it for every argument.
 */
export const wellFormedArgumentsCheck: OperationCheck = ({ document, operation, request }) => {
  if (!operation) return;
  const found = findLoneSurrogate(document, operation, request.variables ?? {});
  if (!found) return;
  throw malformedArgumentError(
    `\`${found.argumentName}\` of \`${found.fieldName}\` holds a lone UTF-16 surrogate (${found.codeUnit}), which is not Unicode text. Send well-formed strings.`,
    found.argumentName,
  );
};
