export { ErrorCode } from './codes.js';
export {
  ChangeLogUnavailableError,
  NotFoundError,
  ProviderDisabledError,
  SyncTokenExpiredError,
  UpstreamError,
  UserInputError,
  type UpstreamErrorDetails,
} from './errors.js';
export { createFormatError, type FormatErrorOptions } from './formatError.js';
export {
  gatewayRestartingError,
  limitError,
  malformedArgumentError,
  subscriptionsNotSupportedError,
  unauthenticatedError,
  type LimitDetails,
  type SubscriptionTransport,
} from './requestRefusals.js';
