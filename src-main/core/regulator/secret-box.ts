import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { fileKeyStore, loadOrCreateKey, memoryKeyStore } from '../audit/audit-key';

/**
 * Where the key that encrypts the platform secret lives: never in the database. Browser mode keeps
 * it in a file beside the data folder (`<folder>.regulator-key`); the desktop app passes one kept
 * with Electron safeStorage (the OS user's keychain).
 */
export interface SecretKeyStore {
  load(): Buffer | null;
  save(key: Buffer): void;
}

export function defaultSecretKeyStore(dataDir: string | null): SecretKeyStore {
  return dataDir === null ? memoryKeyStore() : fileKeyStore(`${dataDir}.regulator-key`);
}

const VERSION = 'v1';

/** AES-256-GCM with a key kept outside the database: a copied database file does not carry the secret. */
export function createSecretBox(store: SecretKeyStore) {
  let key: Buffer | null = null;
  // The key file is made the first time a secret is stored, not at start-up.
  const keyOf = () => (key ??= loadOrCreateKey({ ...store, anchorPaths: [] }));
  return {
    seal(plain: string): string {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', keyOf(), iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return `${VERSION}:${Buffer.concat([iv, cipher.getAuthTag(), data]).toString('base64')}`;
    },
    /** Null when the key is gone (data moved to another computer): the secret must be entered again. */
    open(sealed: string): string | null {
      const [version, payload] = sealed.split(':');
      if (version !== VERSION || !payload) return null;
      try {
        const raw = Buffer.from(payload, 'base64');
        const decipher = createDecipheriv('aes-256-gcm', keyOf(), raw.subarray(0, 12));
        decipher.setAuthTag(raw.subarray(12, 28));
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
      } catch {
        return null;
      }
    },
  };
}

export type SecretBox = ReturnType<typeof createSecretBox>;
