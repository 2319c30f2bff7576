// The secrets of a team member: the team's bundle key and this device's signing key pair.
// Formats other modules rely on: team_key is 32 random bytes in base64 (AES-256-GCM); the device keys are
// Ed25519 in PEM (private: PKCS#8, public: SPKI), stored in sync_local and team_members.public_key.
import { createPublicKey, generateKeyPairSync, randomBytes } from 'node:crypto';

export const TEAM_KEY_BYTES = 32;

export interface DeviceKeyPair {
  privateKey: string;
  publicKey: string;
}

export function newTeamKey(): string {
  return randomBytes(TEAM_KEY_BYTES).toString('base64');
}

export function isTeamKey(text: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(text) && Buffer.from(text, 'base64').length === TEAM_KEY_BYTES;
}

export function newDeviceKeyPair(): DeviceKeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519', {
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKey, publicKey };
}

/** True for an Ed25519 public key in PEM: what an invitation must carry for its inviter. */
export function isEd25519PublicKey(pem: string): boolean {
  try {
    return createPublicKey(pem).asymmetricKeyType === 'ed25519';
  } catch {
    return false;
  }
}

/** A fresh device id (16 hex): a copy that joins a team takes a new one, so a cloned data folder never shares one. */
export function newDeviceId(): string {
  return randomBytes(8).toString('hex');
}
