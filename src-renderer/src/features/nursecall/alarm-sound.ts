import { useSyncExternalStore } from 'react';
import chimeUrl from '../../../../resources/sounds/nursecall-chime.wav';
import urgentUrl from '../../../../resources/sounds/nursecall-urgent.wav';

export type SoundMode = 'off' | 'normal' | 'urgent';

export interface SoundState {
  mode: SoundMode;
  /** The browser refused to play before anyone clicked on this page (autoplay policy). */
  blocked: boolean;
  /** Epoch ms until which this client stays silent; null when not muted. */
  mutedUntil: number | null;
  /** Chimes actually played; lets a test (and a worried nurse) see the sound works. */
  played: number;
  /** The last reason a chime could not play other than autoplay (no sound device, bad file). */
  failure: string | null;
}

const MUTE_KEY = 'caredesk.nursecall.mutedUntil';
/** Normal calls chime every few seconds; an escalated call beeps louder and about twice as often. */
const pattern: Record<Exclude<SoundMode, 'off'>, { url: string; everyMs: number; volume: number }> = {
  normal: { url: chimeUrl, everyMs: 4_000, volume: 0.7 },
  urgent: { url: urgentUrl, everyMs: 1_800, volume: 1 },
};

function readMute(): number | null {
  const value = Number(localStorage.getItem(MUTE_KEY));
  return Number.isFinite(value) && value > Date.now() ? value : null;
}

const activation = (navigator as { userActivation?: { hasBeenActive: boolean } }).userActivation;
/**
 * A tab opened for the wall monitor has had no click yet, so the browser would refuse to play: say so
 * before the first call rather than at it. The desktop app may always play.
 */
let state: SoundState = {
  mode: 'off',
  blocked: !window.caredesk && activation !== undefined && !activation.hasBeenActive,
  mutedUntil: readMute(),
  played: 0,
  failure: null,
};
const listeners = new Set<() => void>();
const audio: Partial<Record<Exclude<SoundMode, 'off'>, HTMLAudioElement>> = {};
let loop: number | undefined;
let muteTimer: number | undefined;

function set(patch: Partial<SoundState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

function element(mode: Exclude<SoundMode, 'off'>): HTMLAudioElement {
  let el = audio[mode];
  if (!el) {
    el = new Audio(pattern[mode].url);
    el.preload = 'auto';
    audio[mode] = el;
  }
  return el;
}

function ring() {
  if (state.mode === 'off' || state.mutedUntil !== null) return;
  const p = pattern[state.mode];
  const el = element(state.mode);
  el.volume = p.volume;
  el.currentTime = 0;
  el.play().then(
    () => set({ blocked: false, failure: null, played: state.played + 1 }),
    (error: unknown) => {
      // NotAllowedError: no click on this page yet, which the user can fix with one click.
      if (error instanceof DOMException && error.name === 'NotAllowedError') {
        if (!state.blocked) set({ blocked: true });
      } else {
        set({ failure: error instanceof Error ? error.message : String(error) });
      }
    },
  );
}

function restartLoop() {
  window.clearInterval(loop);
  loop = undefined;
  if (state.mode === 'off' || state.mutedUntil !== null) return;
  ring();
  loop = window.setInterval(ring, pattern[state.mode].everyMs);
}

/** What should be sounding now; the host decides from the calls on the board. */
export function setSoundMode(mode: SoundMode): void {
  if (mode === state.mode) return;
  set({ mode });
  restartLoop();
}

/** Called from a click: the browser allows sound from then on. */
export function unlockSound(): void {
  set({ blocked: false });
  restartLoop();
}

function scheduleUnmute() {
  window.clearTimeout(muteTimer);
  if (state.mutedUntil !== null)
    muteTimer = window.setTimeout(unmute, Math.max(0, state.mutedUntil - Date.now()));
}

/** Silences this client only, and only for a while: it rings again on its own when the time is up. */
export function muteFor(minutes: number): void {
  const until = Date.now() + minutes * 60_000;
  localStorage.setItem(MUTE_KEY, String(until));
  set({ mutedUntil: until });
  scheduleUnmute();
  restartLoop();
}

export function unmute(): void {
  localStorage.removeItem(MUTE_KEY);
  window.clearTimeout(muteTimer);
  if (state.mutedUntil !== null) set({ mutedUntil: null });
  restartLoop();
}

/** A mute left over from before a reload must still end on time. */
scheduleUnmute();
// Any click or key on the page lets the browser play from then on.
for (const type of ['pointerdown', 'keydown'] as const) {
  window.addEventListener(type, () => state.blocked && unlockSound(), { capture: true });
}
// The wall tab and the desk tab of one browser are one client: muting either silences both.
window.addEventListener('storage', (e) => {
  if (e.key !== MUTE_KEY) return;
  set({ mutedUntil: readMute() });
  scheduleUnmute();
  restartLoop();
});

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useSound(): SoundState {
  return useSyncExternalStore(subscribe, () => state);
}

/** Stops everything when no screen hosts the alarm any more (sign-out). */
export function stopSound(): void {
  setSoundMode('off');
}
