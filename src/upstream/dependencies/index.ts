export { currentReadRecord, readBegins, readEnds, ReadRecord, recordingReads } from './readRecord.js';
export type { UpstreamChanges } from './upstreamChanges.js';
