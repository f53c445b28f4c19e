import { describe, expect, it } from 'vitest';

import { globalIdOfModel, parseGlobalId, toGlobalId } from '../../src/ids/globalId.js';

describe('global IDs', () => {
  it('round-trip through parseGlobalId; anything else is null', () => {
    expect(parseGlobalId(toGlobalId('Session', 'planstone', '21899'))).toEqual({ type: 'Session', provider: 'planstone', sourceId: '21899' });
    for (const bad of ['', 'not an id', toGlobalId('Session', 'planstone', '').slice(0, -1), Buffer.from('Nope:guidebook:1').toString('base64url')])
      expect(parseGlobalId(bad)).toBeNull();
  });

  it('globalIdOfModel a model is its toGlobalId, for each model object', () => {
    const [a, b] = [{ sourceId: '7' }, { sourceId: '8' }];
    expect(globalIdOfModel(a, 'Track', 'guidebook')).toBe(toGlobalId('Track', 'guidebook', '7'));
    expect(globalIdOfModel(a, 'Track', 'guidebook')).toBe(toGlobalId('Track', 'guidebook', '7'));
    expect(globalIdOfModel(b, 'Track', 'guidebook')).toBe(toGlobalId('Track', 'guidebook', '8'));
  });
});
