export { createSubgraphSchema } from './createSubgraphSchema.js';
export { ENTITY_TYPES, federatedTypeDefs } from './entityKeys.js';
