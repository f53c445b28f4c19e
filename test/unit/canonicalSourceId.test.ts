import { describe, expect, it } from 'vitest';

import { isCanonicalIntegerId, isCanonicalPlanstoneId, isCanonicalSourceId } from '../../src/ids/canonicalSourceId.js';
import { parseGlobalId, toGlobalId } from '../../src/ids/globalId.js';

// Regression: global ids whose source id was NaN, 1.5 or 1e2 were sent to the providers;
// "007" found object 7 under another id. One rule per provider, applied when decoding.

describe('isCanonicalIntegerId (Guidebook, Roundware)', () => {
  it('accepts decimal integers as the providers print them', () => {
    for (const id of ['0', '1', '42', '910152', String(Number.MAX_SAFE_INTEGER)]) expect(isCanonicalIntegerId(id), id).toBe(true);
  });
  it('refuses sign, padding, leading zeros, exponent, fraction, non-ASCII digits and unsafe sizes', () => {
    for (const id of [
      '',
      'NaN',
      '1.5',
      '1e2',
      '1E2',
      '007',
      '00',
      '+7',
      '-7',
      ' 7',
      '7 ',
      '7\n',
      '0x1F',
      '1_000',
      'Infinity',
      '٣',
      '９',
      '9007199254740992',
      '12345678901234567890',
    ]) {
      expect(isCanonicalIntegerId(id), JSON.stringify(id)).toBe(false);
    }
  });
});

describe('Planstone ids', () => {
  it('pids and schedids are digit text (leading zeros are part of the id); session _ids are 24 hex', () => {
    for (const id of ['10024', '21899', '007']) expect(isCanonicalPlanstoneId(id), id).toBe(true);
    for (const id of ['', 'NaN', '1.5', '1e2', '+1', ' 1', 'abc']) expect(isCanonicalPlanstoneId(id), id).toBe(false);
    expect(isCanonicalSourceId('Session', 'planstone', '5aaa7a01c5b1a3f2e4d6a8b0')).toBe(true);
    expect(isCanonicalSourceId('Speaker', 'planstone', '5aaa7a01c5b1a3f2e4d6a8b0')).toBe(false);
    expect(isCanonicalSourceId('Track', 'planstone', 'Cardiology')).toBe(true);
    expect(isCanonicalSourceId('Track', 'planstone', ' Cardiology')).toBe(false);
  });
});

describe('parseGlobalId applies the rule', () => {
  it('decodes canonical ids and refuses the rest', () => {
    expect(parseGlobalId(toGlobalId('Session', 'guidebook', '12'))).toEqual({ type: 'Session', provider: 'guidebook', sourceId: '12' });
    expect(parseGlobalId(toGlobalId('Speaker', 'planstone', '10024'))?.sourceId).toBe('10024');
    for (const sourceId of ['NaN', '1.5', '1e2', '012', ' 12']) {
      expect(parseGlobalId(toGlobalId('Session', 'guidebook', sourceId)), sourceId).toBeNull();
      expect(parseGlobalId(toGlobalId('ClientSession', 'roundware', sourceId)), sourceId).toBeNull();
    }
    for (const sourceId of ['NaN', '1.5', '1e2']) expect(parseGlobalId(toGlobalId('Speaker', 'planstone', sourceId)), sourceId).toBeNull();
  });
});
