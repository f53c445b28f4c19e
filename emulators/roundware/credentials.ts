import type { RoundwareUser } from './types.js';

/** The token of the docs' GET examples; the emulator's demo user holds it. */
export const ROUNDWARE_DEMO_TOKEN = 'aed40ccd8bbc291bf04ccea20627cd8f83eee9ca';

/** The token of the docs' POST and login examples (user `round`, password `round`). */
export const ROUNDWARE_DOCS_TOKEN = '4ee0fc210823c2c2f72f06e3fe862c0f6740d3b4';

/**
 * The users every seed starts with. `round`/`round` is the docs' login example and owns the
 * docs' POST token and device (`12891038109281`, an iPhone, as in the docs' POST answer).
 */
export const SEED_USERS: readonly RoundwareUser[] = [
  {
    id: 1,
    username: 'round',
    password: 'round',
    token: ROUNDWARE_DOCS_TOKEN,
    first_name: '',
    last_name: '',
    email: '',
    device_id: '12891038109281',
    client_type: 'iPhone',
    client_system: 'iOS 8.1',
  },
  {
    id: 2,
    username: 'gateway-demo',
    password: 'gateway-demo',
    token: ROUNDWARE_DEMO_TOKEN,
    first_name: 'Gateway',
    last_name: 'Demo',
    email: 'gateway-demo@example.org',
    device_id: '5d0f7a2e-8c1b-4e3a-9f6d-2b7c4a1e0d93',
    client_type: 'web',
    client_system: 'Chrome 120',
  },
];
