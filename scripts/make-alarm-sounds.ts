/**
 * Writes the nurse-call alarm sounds in resources/sounds/ (run: `npx tsx scripts/make-alarm-sounds.ts`).
 * Generated rather than recorded so the files carry no licence question and can be re-made exactly.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const RATE = 22_050;

interface Tone {
  start: number;
  duration: number;
  frequency: number;
  /** Seconds for the level to fall to 1/e; a bell rings out, a beep stays flat. */
  decay: number;
  level: number;
}

function render(lengthSeconds: number, tones: Tone[]): Float64Array {
  const out = new Float64Array(Math.round(lengthSeconds * RATE));
  for (const tone of tones) {
    const first = Math.round(tone.start * RATE);
    const count = Math.round(tone.duration * RATE);
    for (let i = 0; i < count && first + i < out.length; i++) {
      const t = i / RATE;
      // 5 ms fade in/out so no tone starts or ends with a click.
      const edge = Math.min(1, t / 0.005, (tone.duration - t) / 0.005);
      const envelope = edge * Math.exp(-t / tone.decay) * tone.level;
      // A little of the 2nd and 3rd harmonic makes it cut through room noise like a real chime.
      const w = 2 * Math.PI * tone.frequency * t;
      out[first + i]! += envelope * (Math.sin(w) + 0.35 * Math.sin(2 * w) + 0.15 * Math.sin(3 * w));
    }
  }
  return out;
}

function wav(samples: Float64Array): Buffer {
  const peak = samples.reduce((m, s) => Math.max(m, Math.abs(s)), 0) || 1;
  const data = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => data.writeInt16LE(Math.round((s / peak) * 0.9 * 32767), i * 2));
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8, 'ascii');
  header.write('fmt ', 12, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(RATE, 24);
  header.writeUInt32LE(RATE * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const dir = join(import.meta.dirname, '..', 'resources', 'sounds');
mkdirSync(dir, { recursive: true });

// "Ding-dong": E5 then C5, the two-tone chime people know from doorbells and ward calls.
const chime = render(1.3, [
  { start: 0, duration: 0.65, frequency: 659.25, decay: 0.35, level: 1 },
  { start: 0.5, duration: 0.8, frequency: 523.25, decay: 0.4, level: 1 },
]);
// Escalation: three fast high beeps, twice — harder to ignore than the chime.
const urgent = render(
  1.0,
  [0, 0.15, 0.3, 0.55, 0.7, 0.85].map((start, i) => ({
    start,
    duration: 0.11,
    frequency: i % 3 === 2 ? 1174.66 : 987.77,
    decay: 10,
    level: 1,
  })),
);
writeFileSync(join(dir, 'nursecall-chime.wav'), wav(chime));
writeFileSync(join(dir, 'nursecall-urgent.wav'), wav(urgent));
console.log(`wrote ${dir}/nursecall-chime.wav and nursecall-urgent.wav`);
