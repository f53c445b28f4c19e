export { ErrorCode, type ProviderName } from './codes.js';
export { NotFoundError, UpstreamError, UserInputError, type UpstreamErrorDetails } from './errors.js';
