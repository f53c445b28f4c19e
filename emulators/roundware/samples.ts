import type { RoundwareSession } from './types.js';

/**
 * The session objects of the Roundware API docs (`_sessions.md`), verbatim: ids 109 and 111
 * from the list sample, id 1 from the retrieve sample. The seed places them at those ids.
 */
export const DOC_SAMPLE_SESSIONS: readonly RoundwareSession[] = [
  {
    id: 1,
    device_id: null,
    starttime: '2017-09-06T16:24:32.647751',
    stoptime: null,
    client_type: null,
    client_system: 'iOS 8.1',
    demo_stream_enabled: true,
    geo_listen_enabled: false,
    timezone: '-8000',
    project_id: 1,
    language_id: 2,
  },
  {
    id: 109,
    device_id: null,
    starttime: '2017-09-06T15:43:35.947761',
    stoptime: null,
    client_type: null,
    client_system: 'iOS 8.1',
    demo_stream_enabled: true,
    geo_listen_enabled: false,
    timezone: '-8000',
    project_id: 1,
    language_id: 2,
  },
  {
    id: 111,
    device_id: null,
    starttime: '2017-09-06T16:24:32.647751',
    stoptime: null,
    client_type: null,
    client_system: 'iOS 8.1',
    demo_stream_enabled: true,
    geo_listen_enabled: false,
    timezone: '-8000',
    project_id: 1,
    language_id: 2,
  },
];
