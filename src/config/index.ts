// Configuration: environment -> validated config, once, at boot. The zod schema of the
// variables (schema.ts), the loader and its errors (loadConfig.ts, demoModeOf.ts,
// configError.ts), the config's types (gatewayConfig.ts) and what every variable means
// (variables.ts, the source of docs/configuration.md).
export type {
  ClientAuthConfig,
  GatewayConfig,
  GuidebookConfig,
  OperationLimitsConfig,
  PlanstoneConfig,
  PlanstoneConferenceConfig,
  RoundwareConfig,
  SubscriptionsConfig,
} from './gatewayConfig.js';
export { ConfigError } from './configError.js';
export { demoModeOf } from './demoModeOf.js';
export { loadConfig } from './loadConfig.js';
export { parseRedisUrl, type RedisNodeAddress, type RedisTarget } from './redisUrl.js';
export { baseSchema, URL_VARIABLES } from './schema.js';
export { CONFIG_VARIABLES } from './variables.js';
