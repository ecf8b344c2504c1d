/**
 * The core's time as this page knows it. In browser mode every answer carries the server's clock
 * (`X-Server-Time`), which may differ from this computer's: another PC on the LAN whose clock is
 * off, or a server started with `--test-clock`. "Today" and waiting times follow the server, which
 * is where the records are dated. In the desktop app both are the same computer's clock.
 */
let offsetMs = 0;

/** Notes the server's time from an answer that was asked at `sentAt` and arrived at `receivedAt`. */
export function observeServerTime(iso: string | null, sentAt: number, receivedAt: number): void {
  if (!iso) return;
  const server = Date.parse(iso);
  if (Number.isNaN(server)) return;
  offsetMs = server - (sentAt + receivedAt) / 2;
}

/** Milliseconds since the epoch on the server's clock. */
export function serverNow(): number {
  return Date.now() + offsetMs;
}
