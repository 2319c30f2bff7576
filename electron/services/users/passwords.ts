import argon2 from 'argon2';

// argon2id above OWASP's minimum (m=19 MiB, t=2, p=1).
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;
// Under the test runner only (vitest sets VITEST in its workers and the processes they start): argon2id with its least
// memory and one pass, the same code path at ~1 ms instead of ~25 ms a hash. A test app signs in a dozen people.
const TEST_OPTIONS = { type: argon2.argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => argon2.hash(password, process.env.VITEST ? TEST_OPTIONS : OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash to verify against when the login names nobody, so both paths take the same time. */
let decoy: Promise<string> | null = null;
export const decoyHash = (): Promise<string> => (decoy ??= hashPassword('emerald-decoy-password'));
