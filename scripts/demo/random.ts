// Seeded randomness for the demo data, on faker's generator so one --seed reproduces a whole data set.
import { fakerES, type Faker } from '@faker-js/faker';

export interface Random {
  faker: Faker;
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Picks a key by weight: { open: 3, closed: 1 }. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K;
}

export function seededRandom(seed: number): Random {
  const faker = fakerES;
  faker.seed(seed);
  return {
    faker,
    int: (min, max) => faker.number.int({ min, max }),
    chance: (probability) => faker.number.float({ min: 0, max: 1 }) < probability,
    pick: (items) => faker.helpers.arrayElement(items as unknown[]) as never,
    weighted(weights) {
      const entries = Object.entries(weights) as [never, number][];
      const total = entries.reduce((sum, [, w]) => sum + w, 0);
      let roll = faker.number.float({ min: 0, max: total });
      for (const [key, w] of entries) {
        roll -= w;
        if (roll <= 0) return key;
      }
      return entries[entries.length - 1]?.[0] as never;
    },
  };
}
