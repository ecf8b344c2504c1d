import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ADMIN, makeSetUpCore, type TestCore } from '../../support/core';

const handlers = new Map<string, (...args: unknown[]) => unknown>();
const listeners = new Map<string, (...args: unknown[]) => void>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn),
    on: (channel: string, fn: (...args: unknown[]) => void) => listeners.set(channel, fn),
  },
}));

class FakeContents extends EventEmitter {
  sent: unknown[] = [];
  constructor(readonly id: number) {
    super();
  }
  send(_channel: string, envelope: unknown) {
    this.sent.push(envelope);
  }
}

let t: TestCore | undefined;
afterEach(() => t?.close());

describe('IPC transport', () => {
  it('keeps the session token in the main process and buffers events until the page is ready', async () => {
    const { registerIpc } = await import('../../../src-main/electron/ipc');
    t = await makeSetUpCore();
    registerIpc(t.core);
    const call = handlers.get('caredesk:call')!;
    const sender = new FakeContents(1);

    const login = (await call({ sender }, 'auth.login', {
      username: ADMIN.username,
      password: ADMIN.password,
    })) as {
      ok: boolean;
    };
    expect(login.ok).toBe(true);
    expect(JSON.stringify(login)).not.toMatch(/token/i);
    expect(await call({ sender }, 'auth.me', {})).toMatchObject({
      ok: true,
      value: { user: { username: 'admin' } },
    });

    await call({ sender }, 'settings.update', { 'security.idleLockMinutes': 4 });
    expect(sender.sent).toEqual([]);
    listeners.get('caredesk:ready')!({ sender });
    expect(sender.sent).toMatchObject([{ name: 'system.changed', payload: { what: 'settings' } }]);

    const other = new FakeContents(2);
    expect(await call({ sender: other }, 'auth.me', {})).toMatchObject({
      ok: false,
      error: { code: 'UNAUTHENTICATED' },
    });
    expect(await call({ sender }, 42, {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
