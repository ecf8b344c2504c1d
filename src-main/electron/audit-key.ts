import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { safeStorage } from 'electron';
import { fileKeyStore, type AuditKeyStore } from '../core/audit/audit-key';

/**
 * The audit chain's key in the desktop app: encrypted with the OS user's keychain (DPAPI on Windows,
 * the Secret Service on Linux), so a copied data folder does not carry a usable key. Where the OS
 * offers no keychain, a plain key file beside the data folder, as in browser mode.
 */
export function desktopAuditKey(dataDir: string): AuditKeyStore {
  const plain = fileKeyStore(`${dataDir}.audit-key`);
  if (!safeStorage.isEncryptionAvailable()) return plain;
  const file = `${dataDir}.audit-key.enc`;
  return {
    load: () =>
      existsSync(file) ? Buffer.from(safeStorage.decryptString(readFileSync(file)), 'base64') : plain.load(),
    save: (key) => writeFileSync(file, safeStorage.encryptString(key.toString('base64')), { mode: 0o600 }),
    anchorPaths: [`${dataDir}.audit-anchor`],
  };
}
