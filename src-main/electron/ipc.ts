import { ipcMain, type WebContents } from 'electron';
import type { Core } from '../core/app';
import type { EventEnvelope } from '../shared/events';
import { isPrintCall, printToPdf } from './printing';

/**
 * The IPC transport. Each window holds its own session token in the main process, so the page
 * never sees it. Events wait in a buffer until the page says it is listening.
 */
export function registerIpc(core: Core): void {
  const tokens = new Map<number, string>();
  const ready = new Set<number>();
  const pending = new Map<number, EventEnvelope[]>();
  const known = new Map<number, WebContents>();

  const track = (contents: WebContents) => {
    if (known.has(contents.id)) return;
    known.set(contents.id, contents);
    pending.set(contents.id, []);
    contents.once('destroyed', () => {
      known.delete(contents.id);
      tokens.delete(contents.id);
      ready.delete(contents.id);
      pending.delete(contents.id);
    });
    // A reload starts a fresh page that has not subscribed yet.
    contents.on('did-start-loading', () => ready.delete(contents.id));
  };

  ipcMain.handle('caredesk:call', async (event, name: unknown, input: unknown) => {
    track(event.sender);
    if (typeof name !== 'string') {
      return { ok: false, error: { code: 'VALIDATION', message: '调用格式不正确。' } };
    }
    // Saving a page as PDF is the window's own business, not the core's: signed-in windows only.
    if (isPrintCall(name)) {
      if (!tokens.has(event.sender.id)) {
        return { ok: false, error: { code: 'UNAUTHENTICATED', message: '请先登录。' } };
      }
      return printToPdf(event.sender, input);
    }
    const outcome = await core.dispatch(name, input, tokens.get(event.sender.id) ?? null, {
      id: 'desktop',
      local: true,
    });
    if (outcome.sessionToken) tokens.set(event.sender.id, outcome.sessionToken);
    else if (outcome.sessionToken === null) tokens.delete(event.sender.id);
    return outcome.result;
  });

  ipcMain.on('caredesk:ready', (event) => {
    track(event.sender);
    ready.add(event.sender.id);
    const queued = pending.get(event.sender.id) ?? [];
    pending.set(event.sender.id, []);
    for (const envelope of queued) event.sender.send('caredesk:event', envelope);
  });

  core.events.subscribe((envelope) => {
    for (const [id, contents] of known) {
      const token = tokens.get(id);
      if (!token) continue;
      const delivery = core.eventGate(token, envelope.name);
      if (delivery === 'sessionEnded') tokens.delete(id);
      if (delivery !== 'deliver') continue;
      if (ready.has(id)) contents.send('caredesk:event', envelope);
      else pending.get(id)?.push(envelope);
    }
  });
}
