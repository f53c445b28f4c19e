export { parseIsoInstant } from './isoInstant.js';
export { zonedWallTimeToUtc } from './zonedWallTime.js';
export { localDateIn } from './localDate.js';
