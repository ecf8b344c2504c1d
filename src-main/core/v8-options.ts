import { setFlagsFromString } from 'node:v8';

/**
 * V8 options both shells set as they start, before the core opens the database.
 *
 * `--no-allocation-site-pretenuring`: V8 notices when most objects made at one place in the code
 * outlive a young-generation collection, and from then on makes that place's objects straight in
 * the old generation. Here that happens to row objects while a large report holds a few thousand
 * of them. Afterwards every screen's rows of the same shape (a resident list page: ~15 KB a call)
 * went straight to the old generation, where only a full collection frees them. On a 1,000-bed
 * home the server held 456 MB after the bench's reads and 93-day analytics, against 288–308 MB without
 * it, with no read slower (docs/performance.md, round 6).
 *
 * Set at run time, because Electron's main process takes V8 options only from its command line.
 * V8 reads this one at each collection, so setting it before any work is enough.
 */
export const V8_OPTIONS = ['--no-allocation-site-pretenuring'] as const;

export function applyV8Options(): void {
  for (const option of V8_OPTIONS) setFlagsFromString(option);
}
