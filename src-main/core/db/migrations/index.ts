import type { Migration } from '../migrate';
import { createFoundation } from './0001-create-foundation';
import { createResidents } from './0002-create-residents';
import { createNurseCall } from './0003-create-nursecall';

/** Listed by hand, in order: a migration file that is not in this list never runs. */
export const migrations: readonly Migration[] = [createFoundation, createResidents, createNurseCall];
