import { join } from 'node:path';
import { app } from 'electron';

export function dataPaths() {
  const dir = process.env.CAREDESK_DATA_DIR ?? app.getPath('userData');
  return { dir, database: join(dir, 'caredesk.db'), backups: join(dir, 'backups') };
}
