/**
 * A provider's paging misbehaved: its page layout kept changing within one read, or it
 * reported an impossible page size. Connections do not know which provider they page, so
 * this is plain; the datasource that owns the source turns it into an UpstreamError naming
 * itself (UPSTREAM_BAD_RESPONSE; see datasources/namedPaging.ts).
 */
export class ProviderPagingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderPagingError';
  }
}
