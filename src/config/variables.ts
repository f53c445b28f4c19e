/**
 * What every environment variable the gateway reads means — the source of
 * `docs/configuration.md` (`npm run docs:config`). Defaults come from `baseSchema` where a
 * variable is there. A test fails when a variable read in src/config/ (or as `env.X` anywhere in src/) has no entry here, or
 * when the generated reference is out of date: add a line with every new variable.
 */
export const CONFIG_VARIABLES: Record<string, { group: string; description: string; default?: string }> = {
  PORT: { group: 'Server', description: 'TCP port the gateway listens on.' },
  HOST: { group: 'Server', description: 'Interface to listen on (`0.0.0.0` = all; `127.0.0.1` = this machine only).' },
  NODE_ENV: {
    group: 'Server',
    description:
      '`production`: introspection and Apollo Sandbox default to off, and the `/examples/web/` page is not served; with no provider URL set the gateway refuses to start instead of running demo mode (unless `DEMO=true`).',
  },
  DEMO: {
    group: 'Server',
    description:
      'Demo mode: the three emulated providers start in-process and serve seed data; `/readyz` and the start-up log say `demo`. Needs the emulators package, installed by `npm ci` in a checkout: run it with `npm start` (the compiled gateway and the image carry no emulators and refuse in one line). `true`: demo mode on purpose (also with `NODE_ENV=production`; no `*_API_URL` may be set). `false`: never (missing provider URLs are an error). Unset: demo mode when no provider URL is set, except with `NODE_ENV=production`, where the gateway refuses to start. Client access control (`GATEWAY_API_KEYS`, `GATEWAY_JWT_SECRET`) applies in demo mode too.',
  },
  GUIDEBOOK_API_URL: {
    group: 'Providers',
    description: 'Guidebook Open API base URL, or `off`. When no provider URL is set at all, `npm start` runs the emulators (demo mode; see `DEMO`).',
  },
  GUIDEBOOK_API_KEY: { group: 'Providers', description: 'Guidebook API key. Required when `GUIDEBOOK_API_URL` is set.' },
  ROUNDWARE_API_URL: { group: 'Providers', description: 'Roundware API v2 base URL, or `off`.' },
  ROUNDWARE_API_TOKEN: { group: 'Providers', description: 'Roundware API token. Required when `ROUNDWARE_API_URL` is set.' },
  PLANSTONE_API_URL: { group: 'Providers', description: 'Planstone feed base URL, or `off`.' },
  PLANSTONE_API_TOKEN: { group: 'Providers', description: 'Planstone feed token. Required when `PLANSTONE_API_URL` is set.' },
  PLANSTONE_ACCOUNT: {
    group: 'Providers',
    description: 'Planstone account the feed is scoped to. Required when `PLANSTONE_API_URL` is set, unless `PLANSTONE_CONFERENCES` lists the conferences.',
  },
  PLANSTONE_CONFERENCE: {
    group: 'Providers',
    description: 'Planstone conference the feed is scoped to. Required when `PLANSTONE_API_URL` is set, unless `PLANSTONE_CONFERENCES` lists the conferences.',
  },
  PLANSTONE_TIMEZONE: {
    group: 'Providers',
    description:
      "IANA time zone of the conference (e.g. `America/Chicago`); Planstone's local times are read in it. Required when `PLANSTONE_API_URL` is set, unless `PLANSTONE_CONFERENCES` lists the conferences.",
  },
  PLANSTONE_CONFERENCES: {
    group: 'Providers',
    description:
      'Several Planstone conferences of one feed (the list form): a JSON array of `{"account","conference","timeZone","name"?}`, e.g. `[{"account":"acme","conference":"2026","timeZone":"America/Chicago","name":"Acme 2026"}]`. Each is its own `Conference` (its own `where` scope); `Query.sessions` merges them. The first one\'s IDs are the feed\'s own ids, as with one conference; later ones\' IDs carry their `account/conference`. Bad JSON, a missing field, an unknown time zone or a conference listed twice stop the start. When set, `PLANSTONE_ACCOUNT`/`PLANSTONE_CONFERENCE`/`PLANSTONE_TIMEZONE` may be left unset (if set, they must name its first conference).',
  },
  UPSTREAM_CONNECT_TIMEOUT_MS: { group: 'Upstream', description: 'TCP + TLS connect timeout of an upstream request (ms).' },
  UPSTREAM_HEADERS_TIMEOUT_MS: { group: 'Upstream', description: 'Time allowed from sending an upstream request to its response headers (ms).' },
  UPSTREAM_BODY_TIMEOUT_MS: { group: 'Upstream', description: 'Longest gap allowed between two chunks of an upstream response body (ms).' },
  GUIDEBOOK_MAX_SESSION_HOURS: {
    group: 'Providers',
    description:
      "The longest a Guidebook session lasts (hours), for the windows on the end the list ordered by `end_time` cannot answer: `endsAfter` t with a start bound before t (`startsBefore` earlier than t), or a list that changed between the reads. Those read the start-ordered list back this far before the window, and a longer session (a multi-day exhibit) is missed by them; every other `happeningAt`/`endsAfter` is exact for a session of any length (docs/filters.md). Default 24: an all-day session's length. Larger costs more pages per such window.",
  },
  GUIDEBOOK_WINDOW_PAGE_SIZE: {
    group: 'Providers',
    description:
      'The `page_size` the gateway asks for when it reads a Guidebook session list in start order for a time window (`startsAfter`, `day`, `happeningAt`, ...): fewer, larger pages make such a window cost fewer calls (a 15,000-session guide is 30 pages of 500 instead of 406 of 37), and for the whole track, location and guide lists (100 tracks: one call instead of three). Guidebook documents `page_size` (capped at 500) only for leaderboards; a server that ignores it answers its own page size, which the gateway follows. 0: do not send `page_size`.',
  },
  GUIDEBOOK_CACHE_TTL_MS: { group: 'Cache', description: 'How long a Guidebook answer is served from the shared cache (ms; 0 = not cached).' },
  ROUNDWARE_CACHE_TTL_MS: { group: 'Cache', description: 'How long a Roundware answer is served from the shared cache (ms; 0 = not cached).' },
  PLANSTONE_CACHE_TTL_MS: {
    group: 'Cache',
    description: 'How long a Planstone answer is served from the shared cache (ms; 0 = not cached); the feed refreshes every 15 minutes.',
  },
  PERSISTED_OPERATIONS_ONLY: {
    group: 'Operations',
    description:
      'Accept only operations from the trusted-documents manifest, named by `documentId` or `extensions.persistedQuery.sha256Hash`; anything else is refused (`PERSISTED_OPERATION_REQUIRED` / `PERSISTED_OPERATION_NOT_FOUND`), automatic persisted query registration included.',
  },
  PERSISTED_OPERATIONS_MANIFEST: {
    group: 'Operations',
    description:
      'The trusted-documents manifest (`{ "<sha256>": "<document>" }`, written by `npm run codegen`); a relative path is read from the project root. Loaded when the file exists; required when `PERSISTED_OPERATIONS_ONLY=true`.',
  },
  APOLLO_KEY: {
    group: 'Operations',
    description:
      'Read by Apollo Server: with `APOLLO_GRAPH_REF`, reports usage and traces to Apollo GraphOS. When set, operations run on graphql-js (see `GRAPHQL_JIT`).',
  },
  FEDERATION: {
    group: 'Operations',
    description: 'Serve the schema as an Apollo Federation v2 subgraph (entity keys, `_service`, `_entities`) for a supergraph router.',
  },
  READINESS_TIMEOUT_MS: {
    group: 'Operations',
    description: "Connect timeout of `/readyz`'s reachability probe of a provider (ms), used where no circuit breaker reports a state.",
  },
  REDIS_URL: {
    group: 'Cache',
    description:
      'Redis for the shared upstream cache, quota counters and APQ, shared by every replica: one server (`redis://[user:password@]host:port[/db]`, `rediss://` with TLS) or a Redis Cluster (`redis+cluster://[user:password@]host:port,host:port`, `rediss+cluster://` with TLS: any of its nodes, the client finds the rest; see docs/redis.md). Unset: process memory.',
  },
  REDIS_KEY_PREFIX: {
    group: 'Cache',
    description: 'Prefix of every Redis key the gateway writes. No `{` or `}`: the gateway places Redis Cluster hash tags itself.',
  },
  CHANGE_DETECTION: {
    group: 'Change detection',
    description:
      '`false`: no background poll (the change log and `Query.sessionChanges` stay, empty unless another replica sharing `REDIS_URL` polls). See docs/live-schedule.md.',
  },
  CHANGE_POLL_INTERVAL_S: {
    group: 'Change detection',
    description:
      "Seconds between two polls of the session lists (decimals allowed). A list is read through the shared cache, so a change shows within this plus the provider's cache TTL.",
  },
  CHANGE_POLL_QUOTA_SHARE: {
    group: 'Change detection',
    description:
      "The largest share (0–1) of a provider's daily request budget (`*_QUOTA_PER_DAY`) the polls may spend: after a poll that cost n calls, that provider is polled again no sooner than n / (share × budget) of a day later.",
  },
  CHANGE_POLL_COMPLETE_EVERY: {
    group: 'Change detection',
    description:
      'Planstone: every this many polls reads the whole feed (the only read that shows a deleted session); the others ask only for sessions whose `session_updated_at` is at or after the last one seen.',
  },
  CHANGE_LOG_MAX_LENGTH: {
    group: 'Change detection',
    description: 'The change log keeps at most this many events (older ones are trimmed; a sync token before them answers `SYNC_TOKEN_EXPIRED`).',
  },
  CHANGE_LOG_MAX_AGE_S: {
    group: 'Change detection',
    description: 'The change log drops events older than this (seconds); a sync token before them answers `SYNC_TOKEN_EXPIRED`.',
  },
  CHANGE_LEASE_TTL_S: {
    group: 'Change detection',
    description:
      'With `REDIS_URL`: how long the poller lease lasts unless renewed (seconds); a replica that dies is replaced by another within this. Default: 3 × `CHANGE_POLL_INTERVAL_S`, at least 10.',
  },
  CACHE_MAX_ENTRIES: {
    group: 'Cache',
    description: "Size of the in-memory shared cache (entries); with Redis, of each replica's local copy of the entries it reads.",
  },
  CACHE_MAX_MB: {
    group: 'Cache',
    description:
      "Weight limit of the in-memory shared cache (with Redis: of each replica's local copy): megabytes of the cached answers' JSON text (least recently used answers go first). Parsed, an answer takes about 2–3× its text in the heap.",
  },
  CACHE_STALE_GRACE_MS: {
    group: 'Cache',
    description: 'Stale-while-revalidate: how long after its TTL an entry is still served while it is refreshed in the background (ms).',
  },
  CACHE_STALE_IF_QUOTA_LOW_MS: {
    group: 'Cache',
    description: "How long after its TTL an entry may still be served when the provider's request budget is low (ms).",
  },
  CACHE_TTL_OVERRIDES: {
    group: 'Cache',
    description: 'TTLs per provider and resource, overriding the provider TTL: `guidebook:guides=3600000,planstone:speakers=600000`.',
  },
  RESPONSE_CACHE: {
    group: 'Cache',
    description:
      'Whole-response cache above execution (docs/response-cache.md): a repeated operation is answered with the stored bytes of its last error-free answer until an upstream entry it was built from changes, is written, or stops being fresh; identical concurrent operations run once. `false` turns both off.',
  },
  RESPONSE_CACHE_MAX_ENTRIES: {
    group: 'Cache',
    description: "Answers the whole-response cache keeps in process memory (with Redis: each replica's local front).",
  },
  RESPONSE_CACHE_MAX_MB: {
    group: 'Cache',
    description:
      "Weight limit of the whole-response cache in process memory (with Redis: of each replica's local front): megabytes of answer text, least recently used first out.",
  },
  GUIDEBOOK_QUOTA_PER_DAY: {
    group: 'Quota',
    description: 'Guidebook requests allowed per day and credential (its documented limit is 10,000); 0 = unlimited.',
  },
  GUIDEBOOK_QUOTA_PER_MINUTE: { group: 'Quota', description: 'Guidebook requests allowed per minute; 0 = unlimited.' },
  ROUNDWARE_QUOTA_PER_DAY: { group: 'Quota', description: 'Roundware requests allowed per day and credential; 0 = unlimited.' },
  ROUNDWARE_QUOTA_PER_MINUTE: { group: 'Quota', description: 'Roundware requests allowed per minute; 0 = unlimited.' },
  PLANSTONE_QUOTA_PER_DAY: { group: 'Quota', description: 'Planstone requests allowed per day; 0 = unlimited (Planstone documents no limit).' },
  PLANSTONE_QUOTA_PER_MINUTE: { group: 'Quota', description: 'Planstone requests allowed per minute; 0 = unlimited.' },
  QUOTA_RESERVE_PERCENT: {
    group: 'Quota',
    description: 'Share of each budget kept back for cache misses: below it, cached answers are served stale rather than refreshed.',
  },
  QUOTA_PACING: {
    group: 'Quota',
    description:
      "Spread each day's budget over the day: while the day's count runs ahead of the pace, cached answers are served stale rather than refreshed (misses still go upstream), so a busy morning leaves budget for the afternoon. `false`: only the reserve holds calls back.",
  },
  QUOTA_PACE_BURST_PERCENT: {
    group: 'Quota',
    description: "Share of each day's budget that may be spent ahead of the pace (a cold start, a burst of new content).",
  },
  DOCUMENT_CACHE_MAX_ENTRIES: { group: 'Execution', description: 'Parsed and validated GraphQL documents kept for reuse (entries).' },
  DOCUMENT_CACHE_MAX_MB: {
    group: 'Execution',
    description:
      "Weight limit of the parsed-document cache: megabytes of heap, estimated from each document's text and tokens (a 3,000-token document weighs about 1 MB, a typical operation 10–50 KB).",
  },
  GRAPHQL_JIT: {
    group: 'Execution',
    description:
      'Execute repeated operations with graphql-jit (compiled per document); `false`: graphql-js for every operation. Off for a subgraph (`FEDERATION=true`) and with `APOLLO_KEY`, whose traces time fields through graphql-js.',
  },
  GRAPHQL_JIT_AFTER: {
    group: 'Execution',
    description: 'Executions of a parsed document with graphql-js before graphql-jit compiles it; 0 compiles on first use.',
  },
  PERSISTED_QUERY_TTL_S: {
    group: 'Execution',
    description: 'Lifetime of an automatic persisted query (APQ) registration (s); 0 switches APQ off. Refused anyway with `PERSISTED_OPERATIONS_ONLY=true`.',
  },
  GUIDEBOOK_CONNECT_TIMEOUT_MS: { group: 'Upstream', description: 'Guidebook only: overrides `UPSTREAM_CONNECT_TIMEOUT_MS`.' },
  GUIDEBOOK_HEADERS_TIMEOUT_MS: { group: 'Upstream', description: 'Guidebook only: overrides `UPSTREAM_HEADERS_TIMEOUT_MS`.' },
  GUIDEBOOK_BODY_TIMEOUT_MS: { group: 'Upstream', description: 'Guidebook only: overrides `UPSTREAM_BODY_TIMEOUT_MS`.' },
  ROUNDWARE_CONNECT_TIMEOUT_MS: { group: 'Upstream', description: 'Roundware only: overrides `UPSTREAM_CONNECT_TIMEOUT_MS`.' },
  ROUNDWARE_HEADERS_TIMEOUT_MS: { group: 'Upstream', description: 'Roundware only: overrides `UPSTREAM_HEADERS_TIMEOUT_MS`.' },
  ROUNDWARE_BODY_TIMEOUT_MS: { group: 'Upstream', description: 'Roundware only: overrides `UPSTREAM_BODY_TIMEOUT_MS`.' },
  PLANSTONE_CONNECT_TIMEOUT_MS: { group: 'Upstream', description: 'Planstone only: overrides `UPSTREAM_CONNECT_TIMEOUT_MS`.' },
  PLANSTONE_HEADERS_TIMEOUT_MS: { group: 'Upstream', description: 'Planstone only: overrides `UPSTREAM_HEADERS_TIMEOUT_MS`.' },
  PLANSTONE_BODY_TIMEOUT_MS: { group: 'Upstream', description: 'Planstone only: overrides `UPSTREAM_BODY_TIMEOUT_MS`.' },
  UPSTREAM_DEADLINE_MS: { group: 'Resilience', description: 'Overall time budget of one upstream read, retries included (ms).' },
  UPSTREAM_RETRY_MAX_ATTEMPTS: {
    group: 'Resilience',
    description: 'Attempts per upstream read, the first included (writes are never retried); 1 = no retries.',
  },
  UPSTREAM_RETRY_BASE_DELAY_MS: {
    group: 'Resilience',
    description: 'First retry back-off (ms); it grows exponentially, with jitter, unless the provider sends `Retry-After`.',
  },
  UPSTREAM_RETRY_MAX_DELAY_MS: { group: 'Resilience', description: 'Longest retry back-off (ms).' },
  UPSTREAM_BREAKER_FAILURE_THRESHOLD: { group: 'Resilience', description: "Consecutive failed attempts that open a provider's circuit breaker." },
  UPSTREAM_BREAKER_COOLDOWN_MS: { group: 'Resilience', description: 'How long an open breaker refuses calls before one probe is let through (ms).' },
  GRAPHQL_MAX_DEPTH: { group: 'Limits', description: 'Deepest selection nesting an operation may have.' },
  GRAPHQL_MAX_ALIASES: { group: 'Limits', description: 'Most aliases in one operation.' },
  GRAPHQL_MAX_ROOT_FIELDS: { group: 'Limits', description: 'Most root fields in one operation.' },
  GRAPHQL_MAX_TOKENS: { group: 'Limits', description: 'Most lexical tokens in one document.' },
  GRAPHQL_MAX_COST: { group: 'Limits', description: 'Highest estimated cost of an operation (list sizes multiply).' },
  GRAPHQL_MAX_BATCH: { group: 'Limits', description: 'Most operations in one batched HTTP request.' },
  GRAPHQL_MAX_BODY_BYTES: { group: 'Limits', description: 'Largest request body (bytes).' },
  GRAPHQL_MAX_GET_URL_BYTES: {
    group: 'Limits',
    description:
      "Longest URL of a GET to `/graphql` (bytes, path and query string); longer is 414 `URL_TOO_LONG` (send it by POST or as a persisted operation). 8,192 is what common proxies and CDNs pass (nginx, CloudFront), so a GET that works here works behind them; past Node's 16 KB header limit the answer is 431 with the same code.",
  },
  GRAPHQL_INTROSPECTION: { group: 'Security', description: 'Allow introspection. Unset: on, except with `NODE_ENV=production`.' },
  GRAPHQL_SANDBOX: {
    group: 'Security',
    description: 'Serve Apollo Sandbox at `/graphql` in a browser, and GraphiQL (works offline) at `/graphiql`. Unset: on, except with `NODE_ENV=production`.',
  },
  GATEWAY_API_KEYS: {
    group: 'Security',
    description:
      'Comma-separated API keys clients may send; with neither keys nor a JWT secret set, the gateway is open. Enforced in every mode, demo mode included.',
  },
  GATEWAY_JWT_SECRET: { group: 'Security', description: 'HS256 secret (at least 32 bytes) for client bearer tokens.' },
  GATEWAY_JWT_ISSUER: { group: 'Security', description: 'Required `iss` of client tokens, when set.' },
  GATEWAY_JWT_AUDIENCE: { group: 'Security', description: 'Required `aud` of client tokens, when set.' },
  METRICS_TOKEN: {
    group: 'Security',
    description:
      'When set, `GET /metrics` answers only requests with `Authorization: Bearer <token>` (Prometheus: `authorization.credentials`). Unset: open; expose it on an internal network only.',
  },
  LOG_LEVEL: {
    group: 'Logging',
    description: 'pino level of the JSON logs on stdout: `fatal`, `error`, `warn`, `info`, `debug` (adds a line per upstream call), `trace` or `silent`.',
  },
  SHUTDOWN_TIMEOUT_MS: { group: 'Server', description: 'On SIGTERM, how long in-flight requests may finish before connections are closed (ms).' },
  SUBSCRIPTIONS_MAX: {
    group: 'Subscriptions',
    description:
      'Most subscriptions one gateway process serves at once, over all transports (graphql-ws, multipart, SSE); one more is refused with `TOO_MANY_SUBSCRIPTIONS`. `0` switches subscriptions off (every one is refused).',
  },
  SUBSCRIPTIONS_MAX_PER_CONNECTION: {
    group: 'Subscriptions',
    description: 'Most subscriptions one WebSocket connection holds at once; one more is refused with `TOO_MANY_SUBSCRIPTIONS` (an HTTP stream holds one).',
  },
  SUBSCRIPTIONS_HEARTBEAT_MS: {
    group: 'Subscriptions',
    description:
      'Heartbeat interval (ms): a WebSocket ping (a connection that does not answer with a pong within as long again is closed), an empty `{}` part on a multipart stream, a `:` comment line on an SSE stream.',
  },
};
