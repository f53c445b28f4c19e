export { currentReadRecord, readBegins, readEnds, ReadRecord, readWithdrawn, recordingReads } from './readRecord.js';
export type { UpstreamChanges } from './upstreamChanges.js';
