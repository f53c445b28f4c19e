export { ErrorCode } from './codes.js';
export { NotFoundError, ProviderDisabledError, SyncTokenExpiredError, UpstreamError, UserInputError, type UpstreamErrorDetails } from './errors.js';
export { createFormatError, type FormatErrorOptions } from './formatError.js';
export { limitError, malformedArgumentError, subscriptionsNotSupportedError, unauthenticatedError, type LimitDetails } from './requestRefusals.js';
