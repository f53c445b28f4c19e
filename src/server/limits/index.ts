export { bodyErrors } from './bodyErrors.js';
export { countTokens } from './countTokens.js';
export { formatCount } from './formatCount.js';
export { measureOperation, type OperationShape } from './measureOperation.js';
export { operationLimitsCheck, type OperationLimitsOptions } from './operationLimitsCheck.js';
export { DEFAULT_PAGE_SIZE, queryCost, type QueryCostInput } from './queryCost.js';
export { requestGate, type RejectRequest } from './requestGate.js';
export { sendGraphQLError } from './sendGraphQLError.js';
export { answerHeaderOverflowWithJson, getUrlLimit } from './urlLimits.js';
