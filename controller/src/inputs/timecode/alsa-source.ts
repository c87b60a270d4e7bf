/**
 * `alsa:DEVICE`: LTC on a live audio input, captured by `arecord` (alsa-utils)
 * as raw 16-bit little-endian samples on its stdout, so no native audio
 * module is loaded into the controller. `alsa:hw:1,0?rate=44100&channels=2&channel=1`
 * picks the capture format and the channel carrying LTC (default 48000 Hz,
 * mono). If arecord ends (device unplugged) the source says so and restarts
 * it a second later until stopped.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Subject } from 'rxjs';
import type { FrameRate } from '@crowdcue/protocol';
import { LtcAudioInput } from './ltc-audio-input';
import type { MonotonicClock, TimecodeFrame, TimecodeSource, TimecodeSourceEvent } from './timecode-source';

export interface AlsaSourceOptions {
  /** `hw:1,0`, optionally `?rate=&channels=&channel=`. */
  device: string;
  clock: MonotonicClock;
  rate?: FrameRate;
  /** The capture program (default `arecord` on PATH). */
  command?: string;
  restartMs?: number;
}

export function parseAlsaDevice(text: string): { device: string; sampleRate: number; channels: number; channel: number } {
  const [device, query = ''] = text.split('?');
  const q = new URLSearchParams(query);
  const num = (key: string, def: number, min: number, max: number) => {
    const raw = q.get(key);
    if (raw === null) return def;
    const v = Number(raw);
    if (!Number.isInteger(v) || v < min || v > max) throw new Error(`alsa:${text}: ${key} must be an integer ${min}..${max}, got ${JSON.stringify(raw)}`);
    return v;
  };
  const channels = num('channels', 1, 1, 8);
  return { device, sampleRate: num('rate', 48000, 8000, 192000), channels, channel: num('channel', 0, 0, channels - 1) };
}

export class AlsaSource implements TimecodeSource {
  readonly name: string;
  private readonly framesSubject = new Subject<TimecodeFrame>();
  private readonly eventsSubject = new Subject<TimecodeSourceEvent>();
  readonly frames$ = this.framesSubject.asObservable();
  readonly events$ = this.eventsSubject.asObservable();
  private child: ChildProcess | undefined;
  private stopped = false;
  private restart: NodeJS.Timeout | undefined;
  private readonly format: ReturnType<typeof parseAlsaDevice>;

  constructor(private readonly options: AlsaSourceOptions) {
    this.name = `alsa:${options.device}`;
    this.format = parseAlsaDevice(options.device);
  }

  async start(): Promise<void> {
    this.stopped = false;
    this.spawn();
  }

  private spawn(): void {
    const { device, sampleRate, channels, channel } = this.format;
    const args = ['-D', device, '-t', 'raw', '-f', 'S16_LE', '-r', String(sampleRate), '-c', String(channels), '-q'];
    const child = spawn(this.options.command ?? 'arecord', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    // A fresh input per capture: sample counting (and so frame times) starts again.
    const input = new LtcAudioInput(sampleRate, channels, channel, this.options.rate);
    let carry: Buffer | undefined;
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      const at = this.options.clock.now();
      const bytes = carry ? Buffer.concat([carry, chunk]) : chunk;
      const whole = bytes.length - (bytes.length % (2 * channels));
      carry = whole < bytes.length ? bytes.subarray(whole) : undefined;
      const samples = new Int16Array(whole / 2);
      for (let i = 0; i < samples.length; i++) samples[i] = bytes.readInt16LE(i * 2);
      for (const f of input.push(samples, at)) this.framesSubject.next(f);
    });
    child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-500)));
    child.on('error', (err) => this.eventsSubject.next({ level: 'error', message: `${this.name}: cannot run ${this.options.command ?? 'arecord'}: ${err.message}` }));
    child.on('close', (code, signal) => {
      if (this.child === child) this.child = undefined;
      if (this.stopped) return;
      const why = stderr.trim().split('\n').at(-1) || (signal ? `killed by ${signal}` : `exit code ${code}`);
      this.eventsSubject.next({ level: 'warn', message: `${this.name}: capture ended (${why}); trying again` });
      this.restart = setTimeout(() => !this.stopped && this.spawn(), this.options.restartMs ?? 1000);
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restart) clearTimeout(this.restart);
    const child = this.child;
    if (child && child.exitCode === null) {
      const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
      child.kill('SIGKILL');
      await closed;
    }
    this.framesSubject.complete();
    this.eventsSubject.complete();
  }
}
