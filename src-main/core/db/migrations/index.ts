import type { Migration } from '../migrate';
import { createFoundation } from './0001-create-foundation';

/** Listed by hand, in order: a migration file that is not in this list never runs. */
export const migrations: readonly Migration[] = [createFoundation];
