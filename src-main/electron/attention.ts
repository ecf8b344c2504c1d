import type { BrowserWindow } from 'electron';
import type { EventBus } from '../core/events';

/**
 * A new or escalated nurse call brings the window forward and flashes its taskbar button, so a
 * call is seen even when the front desk is working in another program. Repeats of a call that is
 * already on the board do not steal focus again.
 */
export function wireCallAttention(events: EventBus, window: () => BrowserWindow | null): () => void {
  return events.subscribe((event) => {
    const isNew = event.name === 'nursecall.raised' && event.payload.call.repeats === 0;
    if (!isNew && event.name !== 'nursecall.escalated') return;
    const win = window();
    if (!win || win.isDestroyed()) return;
    if (win.isMinimized()) win.restore();
    if (!win.isVisible()) win.show();
    win.moveTop();
    win.flashFrame(true);
    win.once('focus', () => win.flashFrame(false));
  });
}
