import { describe, expect, it } from 'vitest';
import { z } from 'zod';

import { guidebookPage, guidebookPersonalizedScheduleWire, guidebookSessionWire } from '../../src/datasources/guidebook/wire.js';
import { planstoneSessionPage } from '../../src/datasources/planstone/wire.js';
import { roundwareSessionList } from '../../src/datasources/roundware/wire.js';
import { checkWire } from '../../src/upstream/wireValidator.js';
import { loadFixture } from '../mappers/loadFixture.js';

// The wire schemas are written in zod; answers are checked by their JSON Schema compiled
// with ajv. The two must agree: on the providers' documented samples, and on broken copies.

const samples: Array<[string, z.ZodType, string]> = [
  ['Guidebook sessions page', guidebookPage(guidebookSessionWire), 'guidebook-sessions-list.json'],
  ['Guidebook schedules page', guidebookPage(guidebookPersonalizedScheduleWire), 'guidebook-personalized-schedules-list.json'],
  ['Roundware sessions', roundwareSessionList, 'roundware-sessions-list.json'],
  ['Planstone sessions page', planstoneSessionPage, 'planstone-sessions.json'],
];

/** A copy of `value` with the value at `path` replaced. */
function withValue(value: unknown, path: Array<string | number>, replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let at = copy;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
  at[path.at(-1)!] = replacement;
  return copy;
}

describe('checkWire', () => {
  it.each(samples)('accepts the %s sample as zod does, and hands back the same object', (_name, schema, fixture) => {
    const answer = loadFixture(fixture);
    expect(schema.safeParse(answer).success).toBe(true);
    const checked = checkWire(schema, answer);
    expect(checked).toEqual({ ok: true, value: answer });
    expect(checked.ok && checked.value).toBe(answer);
  });

  const broken: Array<[string, string, z.ZodType, string, Array<string | number>, unknown]> = [
    ['Guidebook sessions page', 'results.0.id', guidebookPage(guidebookSessionWire), 'guidebook-sessions-list.json', ['results', 0, 'id'], 'twenty-one'],
    ['Guidebook sessions page', 'count', guidebookPage(guidebookSessionWire), 'guidebook-sessions-list.json', ['count'], -1],
    ['Roundware sessions', '1.id', roundwareSessionList, 'roundware-sessions-list.json', [1, 'id'], null],
    ['Planstone sessions page', '_items.0.speakers', planstoneSessionPage, 'planstone-sessions.json', ['_items', 0, 'speakers'], 'Dr. Who'],
    ['Planstone sessions page', '_items', planstoneSessionPage, 'planstone-sessions.json', ['_items'], {}],
  ];
  it.each(broken)('refuses a broken %s as zod does, and says where: %s', (_name, where, schema, fixture, path, replacement) => {
    const answer = withValue(loadFixture(fixture), path, replacement);
    expect(schema.safeParse(answer).success).toBe(false);
    const checked = checkWire(schema, answer);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.where).toMatch(new RegExp(`^${where.replaceAll('.', '\\.')}: `));
  });

  it('lets answers carry fields the schema does not name', () => {
    const answer = withValue(loadFixture('roundware-sessions-list.json'), [0, 'added_in_a_later_version'], { any: 'thing' });
    expect(checkWire(roundwareSessionList, answer).ok).toBe(true);
  });

  it('refuses a schema with a transform: what it checks would not be what its type says', () => {
    expect(() => checkWire(z.object({ id: z.number().transform(String) }), { id: 1 })).toThrow(/[Tt]ransform/);
  });
});
