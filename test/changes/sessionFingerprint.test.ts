import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';

import { sessionFingerprint } from '../../src/changes/sessionFingerprint.js';
import type { SessionModel } from '../../src/models/index.js';
import { planstoneSession } from '../support/sessionChanges.js';

// The fingerprint's hashes are stored (Redis detection state) and compared with those of the
// next read: the compact encoding (issue 20 item 6, RSS) must give the very same text as
// before, or every session of a stored snapshot would look UPDATED after an upgrade.
const session: SessionModel = { ...planstoneSession('42'), name: 'Keynote' };

describe('sessionFingerprint', () => {
  it('hashes as the first 16 base64url characters of the SHA-1 (the format stored snapshots hold)', () => {
    const fingerprint = sessionFingerprint(session);
    const legacy = (value: unknown) => createHash('sha1').update(JSON.stringify(value)).digest('base64url').slice(0, 16);
    expect(fingerprint.fields.TITLE).toBe(legacy('Keynote'));
    expect(fingerprint.fields.LOCATION).toBe(legacy(session.locations));
    expect(fingerprint.hash).toBe(legacy(fingerprint.fields));
    expect(sessionFingerprint({ ...session, name: 'Closing' }).fields.TITLE).not.toBe(fingerprint.fields.TITLE);
  });
});
