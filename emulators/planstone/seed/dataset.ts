import { createSeededFaker } from '../../kit/index.js';
import { sampleSession } from '../sample.js';
import type { PlanstoneDataset, PlanstoneDocument } from '../types.js';
import { generateSessionDocuments, SESSION_COUNT } from './sessions.js';
import { generatePerson, generateSpeakerDocuments, SAMPLE_PIDS_MISSING, SAMPLE_PIDS_PRESENT, SPEAKER_COUNT, type Person } from './speakers.js';

/** How many extra pids (besides the sample's two) sessions reference without a `/speakers` document. */
const GHOST_COUNT = 24;

/**
 * Builds the demo conference for a seed: 1,200 speakers, 823 sessions (the docs' sample first,
 * as the oldest document), and the list of engagement pids that have no speaker document.
 * Same seed, same bytes.
 */
export function createDataset(seed: number): PlanstoneDataset {
  const faker = createSeededFaker(seed);
  const reserved = new Set<string>([...SAMPLE_PIDS_PRESENT, ...SAMPLE_PIDS_MISSING]);
  const drawPid = (): string => {
    for (;;) {
      const pid = String(faker.number.int({ min: 10000, max: 69999 }));
      if (!reserved.has(pid)) {
        reserved.add(pid);
        return pid;
      }
    }
  };

  const ghosts: Person[] = [...SAMPLE_PIDS_MISSING.map((pid) => generatePerson(faker, pid))];
  for (let i = 0; i < GHOST_COUNT; i++) ghosts.push(generatePerson(faker, drawPid()));

  const people: Person[] = SAMPLE_PIDS_PRESENT.map((pid) => generatePerson(faker, pid));
  while (people.length < SPEAKER_COUNT) people.push(generatePerson(faker, drawPid()));

  const generated = generateSessionDocuments(faker, SESSION_COUNT - 1, people, ghosts);
  const sessions: PlanstoneDocument[] = [sampleSession(), ...generated];
  const speakers = generateSpeakerDocuments(faker, faker.helpers.shuffle(people));

  const known = new Set(people.map((p) => p.pid));
  const missing = new Set<string>();
  for (const session of sessions) {
    for (const engagement of (session.speakers as { pid: string }[] | undefined) ?? []) {
      if (!known.has(engagement.pid)) missing.add(engagement.pid);
    }
  }
  return { sessions, speakers, missingPids: [...missing].sort() };
}
