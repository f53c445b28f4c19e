export { Emulator, send } from './emulator.js';
export { parseBody, type ParsedBody, type UploadedFile } from './body.js';
export { FaultTable, type FaultKind, type FaultMatch, type FaultSpec } from './faults.js';
export { RequestLog, type LoggedRequest } from './requestLog.js';
export { createSeededFaker } from './random.js';
export type { EmulatorDefinition, EmulatorRequest, EmulatorResponse, LatencySettings, RouteDefinition, RouteHandler } from './types.js';
export { FastRandom } from './fastRandom.js';
export { zonedTimeToUtcMs, zoneOffsetMs } from './zonedTime.js';
