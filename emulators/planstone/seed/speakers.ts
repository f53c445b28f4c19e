import type { Faker } from '@faker-js/faker';

import { PLANSTONE_DEMO } from '../demo.js';
import type { PlanstoneDocument } from '../types.js';
import { eveDocument } from './eveDocument.js';
import { createObjectIds } from './objectIds.js';

/** How many people `/speakers` serves. */
export const SPEAKER_COUNT = 1200;

/** Pids from the docs' sample session that `/speakers` does have. */
export const SAMPLE_PIDS_PRESENT = ['10006', '10024', '46549'] as const;
/** Pids from the docs' sample session that `/speakers` does NOT have (dangling engagements). */
export const SAMPLE_PIDS_MISSING = ['65076', '65294'] as const;

/** The person fields a session engagement repeats from the speaker record. */
export interface Person {
  pid: string;
  fname: string;
  lname: string;
  title: string | null;
  company: string;
  email: string;
  city: string;
  state: string;
  country: string;
  suffix: string;
  honorific: string;
  published: true | 1 | null;
}

/** Generates a person (no Eve wrapping): sloppy the way an association's people table is. */
export function generatePerson(faker: Faker, pid: string): Person {
  const first = faker.person.firstName();
  const last = faker.person.lastName();
  const credential = faker.helpers.weightedArrayElement([
    { weight: 88, value: '' },
    { weight: 4, value: 'MD' },
    { weight: 3, value: 'PhD' },
    { weight: 2, value: 'Jr.' },
    { weight: 2, value: 'RN, BSN' },
    { weight: 1, value: 'III' },
  ]);
  // Some records carry the credential inside lname ("Smith, MD"), some in suffix, some in both.
  const where = faker.number.int(2);
  const lname = credential && where !== 1 ? `${last}, ${credential}` : last;
  const suffix = credential && where !== 0 ? credential : '';
  const international = faker.datatype.boolean(0.08);
  const email = faker.datatype.boolean(0.9)
    ? `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '') +
      `@${faker.helpers.arrayElement(['gmail.com', 'outlook.com', 'uthscsa.edu', 'mayo.edu', 'bcm.edu', 'example.org'])}`
    : '';
  return {
    pid,
    fname: faker.datatype.boolean(0.02) ? `${first} ` : first,
    lname,
    title: faker.helpers.weightedArrayElement([
      { weight: 70, value: faker.person.jobTitle() },
      { weight: 22, value: '' },
      { weight: 8, value: null },
    ]),
    company: faker.datatype.boolean(0.85) ? faker.company.name() : '',
    email,
    city: faker.datatype.boolean(0.93) ? faker.location.city() : '',
    state: international
      ? faker.helpers.arrayElement(['ON', 'BC', 'Quebec', ''])
      : faker.helpers.weightedArrayElement([
          { weight: 75, value: faker.location.state({ abbreviated: true }) },
          { weight: 18, value: faker.location.state() },
          { weight: 7, value: '' },
        ]),
    country: international
      ? 'Canada'
      : faker.helpers.weightedArrayElement([
          { weight: 55, value: 'USA' },
          { weight: 25, value: 'United States' },
          { weight: 10, value: 'US' },
          { weight: 10, value: '' },
        ]),
    suffix,
    honorific: faker.helpers.weightedArrayElement([
      { weight: 55, value: '' },
      { weight: 25, value: 'Dr.' },
      { weight: 8, value: 'Ms.' },
      { weight: 7, value: 'Mr.' },
      { weight: 5, value: 'Prof.' },
    ]),
    published: faker.helpers.weightedArrayElement<true | 1 | null>([
      { weight: 72, value: true },
      { weight: 14, value: 1 },
      { weight: 14, value: null },
    ]),
  };
}

/**
 * The `/speakers` documents for the given people, in the given (natural) order. The feed's
 * speaker shape is not documented; the fields are those a real consumer reads (`pid`,
 * `fname`, `lname`, `title`, `company`, `bio`, `piclink`) plus the [I] ones.
 */
export function generateSpeakerDocuments(faker: Faker, people: readonly Person[]): PlanstoneDocument[] {
  const nextId = createObjectIds(0x65dd3f2a, '0b568d8c25', 0x2a0000 + faker.number.int(0xffff));
  return people.map((person) =>
    eveDocument(
      nextId(),
      {
        account: PLANSTONE_DEMO.account,
        conference: PLANSTONE_DEMO.conference,
        pid: person.pid,
        fname: person.fname,
        lname: person.lname,
        title: person.title,
        company: person.company,
        bio: generateBio(faker, person),
        piclink: faker.datatype.boolean(0.6)
          ? `https://static.planion.com/${PLANSTONE_DEMO.account}/${PLANSTONE_DEMO.conference}/photos/${person.pid}.jpg`
          : '',
        email: person.email,
        city: person.city,
        state: person.state,
        country: person.country,
        suffix: person.suffix,
        honorific: person.honorific,
        published: person.published,
        updated_at: faker.date.between({ from: '2023-08-01T00:00:00Z', to: '2024-10-20T00:00:00Z' }).toISOString().slice(0, 19).replace('T', ' '),
      },
      'speakers',
      'speaker',
    ),
  );
}

function generateBio(faker: Faker, person: Person): string | null {
  const kind = faker.number.int(9);
  if (kind === 0) return null;
  if (kind <= 2) return '';
  const text = `${person.fname.trim()} ${person.lname} is ${person.title ? `a ${person.title}` : 'a practitioner'}${person.company ? ` at ${person.company}` : ''}. ${faker.lorem.sentences(2)}`;
  return kind <= 6 ? `<p>${text.replace(/&/g, '&amp;')}</p><p>${faker.lorem.sentence()}</p>` : text;
}
