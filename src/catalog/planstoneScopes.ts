import type { PlanstoneDataSource } from '../datasources/planstone/index.js';
import type { DataSources } from '../datasources/providers.js';
import { ProviderDisabledError } from '../errors/index.js';

/** A configured Planstone conference's datasource, and a feed id inside it. */
export interface PlanstoneScoped {
  dataSource: PlanstoneDataSource;
  /** The feed's own id (schedid, pid, track name) without the conference prefix. */
  ownId: string;
}

/**
 * Which configured Planstone conference the source id of a global ID names (see
 * models/conference.ts: a later conference's ids start `account/conference#`; the first's
 * carry no prefix), and the feed's own id in it. An id whose prefix names no configured
 * conference is looked up in the first as it is (and so is NOT_FOUND there).
 */
export function planstoneScopeOf(dataSources: DataSources, scopedId: string): PlanstoneScoped {
  const [first, ...later] = dataSources.planstoneConferences;
  if (!first) throw new ProviderDisabledError('planstone');
  for (const dataSource of later) {
    const prefix = dataSource.conference?.idPrefix;
    if (prefix && scopedId.startsWith(prefix)) return { dataSource, ownId: scopedId.slice(prefix.length) };
  }
  return { dataSource: first, ownId: scopedId };
}

/** The configured Planstone conference `account/conference`, if there is one. */
export function planstoneConferenceByKey(dataSources: DataSources, key: string): PlanstoneDataSource | undefined {
  return dataSources.planstoneConferences.find((dataSource, index) => (dataSource.conference?.key ?? (index === 0 ? key : undefined)) === key);
}

/**
 * The datasource a Planstone model (session, track, room, speaker) was read from: its
 * conference's, or the first conference's when it carries none.
 */
export function planstoneSourceOf(dataSources: DataSources, model: { planstoneConference?: { key: string } | undefined }): PlanstoneDataSource {
  const key = model.planstoneConference?.key;
  const dataSource = key === undefined ? dataSources.planstone : planstoneConferenceByKey(dataSources, key);
  if (!dataSource) throw new ProviderDisabledError('planstone');
  return dataSource;
}

/** The key of the source a conference's list has in a merge: `planstone` for the first (cursors unchanged), else `planstone:<account/conference>`. */
export function planstoneSourceKey(dataSources: DataSources, dataSource: PlanstoneDataSource): string {
  return dataSource === dataSources.planstone ? 'planstone' : `planstone:${dataSource.conference?.key ?? ''}`;
}
