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
 * `--heap-growing-percent=50`: after each full collection V8 lets the old generation grow to a
 * multiple of what survived before the next one, up to 4× when its collections are fast, as they
 * are here (55 MB live, next collection at 238 MB). Until then, every burst's leftovers stay
 * resident: after the bench's reads and a 93-day export the server held 307 MB. At 1.5× it held
 * 280–283 MB, with the serial path's p99 and the longest waits as before: collections come more
 * often but each has less to do, and their marking runs beside the app (round 7).
 *
 * Set at run time, because Electron's main process takes V8 options only from its command line.
 * V8 reads both at each collection, so setting them before any work is enough.
 */
export const V8_OPTIONS = ['--no-allocation-site-pretenuring', '--heap-growing-percent=50'] as const;

export function applyV8Options(): void {
  for (const option of V8_OPTIONS) setFlagsFromString(option);
}
