export { ErrorCode, type ProviderName } from './codes.js';
export { NotFoundError, UpstreamError, UserInputError, type UpstreamErrorDetails } from './errors.js';
export { createFormatError, type FormatErrorOptions } from './formatError.js';
