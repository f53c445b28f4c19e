export type { Connection, Edge, PageInfo } from './Connection.js';
export type { ConnectionOptions } from './ConnectionOptions.js';
export {
  DEFAULT_MAX_PAGE_SIZE,
  DEFAULT_PAGE_SIZE,
  validateConnectionArgs,
  type ConnectionArgs,
  type PageSizeOptions,
  type ValidConnectionArgs,
} from './connectionArgs.js';
export { CURSOR_VERSION, decodeCursor, encodeCursor, type CursorIdentity, type CursorPosition, type MergedPosition, type OffsetPosition } from './cursor.js';
export { fingerprint } from './fingerprint.js';
export type { OffsetSource, OffsetWindow } from './OffsetSource.js';
export { connectionFromOffsetSource } from './connectionFromOffsetSource.js';
export { connectionFromMergedSources, type MergedConnectionResult, type SourceFailure } from './mergedConnection.js';
export { createArraySource } from './arraySource.js';
export { mapOffsetSource } from './mapOffsetSource.js';
export { mergeOffsetSources } from './mergedOffsetSource.js';
export { createMaxResultsSource, type MaxResultsPage } from './maxResultsSource.js';
export { createPageNumberSource, type NumberedPage } from './pageNumberSource.js';
export type { FetchPage } from './pagedSource.js';
export { ProviderPagingError } from './providerPagingError.js';
export { PageLayouts, pageCountOf, type PageLayout } from './pageLayouts.js';
export { findPageRange, type KeyBound, type PageKeys, type PageRange, type PageRangeSearch } from './pageRangeSearch.js';
export { MAX_PAGES, readAllPages, type PageLayoutSeen, type ReadAllPagesOptions } from './readAllPages.js';
