import { en, Faker } from '@faker-js/faker';

/**
 * A seeded Faker: the same seed always yields the same data set, so emulators, tests and
 * benchmarks see identical providers on every machine.
 */
export function createSeededFaker(seed: number, referenceDate = '2025-03-01T00:00:00Z'): Faker {
  const faker = new Faker({ locale: [en] });
  faker.seed(seed);
  faker.setDefaultRefDate(referenceDate);
  return faker;
}
