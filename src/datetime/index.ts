export { parseIsoInstant } from './isoInstant.js';
export { isLocalDate, nextLocalDate } from './localDate.js';
export { localDayBounds, type LocalDayBounds } from './localDayBounds.js';
export { zonedWallTimeToUtc } from './zonedWallTime.js';
export { localDateIn } from './localDate.js';
