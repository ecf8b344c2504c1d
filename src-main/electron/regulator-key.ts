import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';
import { fileKeyStore } from '../core/audit/audit-key';
import type { SecretKeyStore } from '../core/regulator/secret-box';

/**
 * The key that encrypts the provincial platform's secret, in the desktop app: itself encrypted with
 * the OS user's keychain (Electron safeStorage), so neither a copied database nor a copied key file
 * gives the secret away. Where the OS offers no keychain, a plain key file as in browser mode.
 */
export function desktopRegulatorKey(dataDir: string): SecretKeyStore {
  const plain = fileKeyStore(`${dataDir}.regulator-key`);
  if (!safeStorage.isEncryptionAvailable()) return plain;
  const file = `${dataDir}.regulator-key.enc`;
  return {
    load: () =>
      existsSync(file) ? Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64') : plain.load(),
    save: (key) => writeFileSync(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 }),
  };
}
