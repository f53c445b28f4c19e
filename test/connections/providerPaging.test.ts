import { describe, expect, it } from 'vitest';

import { createMaxResultsSource, createPageNumberSource, ProviderPagingError, type NumberedPage } from '../../src/connections/index.js';
import { namedPaging } from '../../src/datasources/namedPaging.js';
import { UpstreamError } from '../../src/errors/index.js';
import { range } from './fakes.js';

/** A numbered list whose page size grows with every page it serves: a provider that cannot keep its layout. */
function restlessServer(total: number) {
  let served = 0;
  return async (page: number): Promise<NumberedPage<number>> => {
    const pageSize = ++served;
    const start = (page - 1) * pageSize;
    return { items: range(total).slice(start, start + pageSize), totalCount: total, hasNext: start + pageSize < total };
  };
}

// Regression: a provider whose paging misbehaved made pagedSource throw a plain Error, so the
// client got INTERNAL_SERVER_ERROR with no provider named (issue 18).
describe('provider paging misbehaviour', () => {
  it('a page layout that keeps changing rejects with ProviderPagingError', async () => {
    await expect(createPageNumberSource(restlessServer(1000)).read(50, 10)).rejects.toBeInstanceOf(ProviderPagingError);
  });

  it('is UPSTREAM_BAD_RESPONSE naming the provider once its datasource names the source', async () => {
    const read = namedPaging('guidebook', createPageNumberSource(restlessServer(1000))).read(50, 10);
    const error = await read.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).extensions).toMatchObject({ code: 'UPSTREAM_BAD_RESPONSE', provider: 'guidebook' });
    expect((error as UpstreamError).message).toMatch(/^Guidebook's paging was inconsistent/);
  });

  it('an impossible page size (max_results 0) is UPSTREAM_BAD_RESPONSE naming Planstone', async () => {
    const source = namedPaging(
      'planstone',
      createMaxResultsSource(async () => ({ items: [], totalCount: 5, maxResults: 0 })),
    );
    await expect(source.read(0, 3)).rejects.toMatchObject({ extensions: { code: 'UPSTREAM_BAD_RESPONSE', provider: 'planstone' } });
  });

  it('other failures pass through untouched', async () => {
    const failure = new Error('503');
    const source = namedPaging(
      'guidebook',
      createPageNumberSource(() => Promise.reject(failure)),
    );
    await expect(source.read(0, 3)).rejects.toBe(failure);
  });
});
