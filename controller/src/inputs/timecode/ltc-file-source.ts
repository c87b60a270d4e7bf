/**
 * `ltc:FILE.wav`: LTC from a recording, played on the controller's clock as
 * if it came down an audio line (rehearsal, tests, the chase benchmark).
 * The file starts playing at `start()`; every few ms the samples whose time
 * has come are decoded. It stops at the end of the file: a dropout.
 */
import { readFile } from 'node:fs/promises';
import { Subject } from 'rxjs';
import type { FrameRate } from '@crowdcue/protocol';
import { LtcAudioInput } from './ltc-audio-input';
import type { MonotonicClock, TimecodeFrame, TimecodeSource, TimecodeSourceEvent } from './timecode-source';
import { readWav, type WavAudio } from './wav';

export interface LtcFileSourceOptions {
  file: string;
  clock: MonotonicClock;
  rate?: FrameRate;
  /** How often samples are fed, ms (default 5). */
  blockMs?: number;
  /** Audio already read (tests, benchmarks); otherwise read from `file`. */
  audio?: WavAudio;
}

export class LtcFileSource implements TimecodeSource {
  readonly name: string;
  private readonly framesSubject = new Subject<TimecodeFrame>();
  private readonly eventsSubject = new Subject<TimecodeSourceEvent>();
  readonly frames$ = this.framesSubject.asObservable();
  readonly events$ = this.eventsSubject.asObservable();
  private timer: NodeJS.Timeout | undefined;
  /** Controller ms at which sample 0 plays. */
  startedAtMs: number | undefined;

  constructor(private readonly options: LtcFileSourceOptions) {
    this.name = `ltc:${options.file}`;
  }

  async start(): Promise<void> {
    const audio = this.options.audio ?? readWav(await readFile(this.options.file));
    const channel = pickChannel(audio);
    const input = new LtcAudioInput(audio.sampleRate, audio.channels, channel, this.options.rate);
    const clock = this.options.clock;
    const t0 = clock.now();
    this.startedAtMs = t0;
    const perMs = audio.sampleRate / 1000;
    const total = audio.samples.length / audio.channels;
    let fed = 0;
    const feed = () => {
      const upTo = Math.min(total, Math.floor((clock.now() - t0) * perMs));
      if (upTo > fed) {
        const block = audio.samples.subarray(fed * audio.channels, upTo * audio.channels);
        fed = upTo;
        for (const f of input.push(block, clock.now(), t0)) this.framesSubject.next(f);
      }
      if (fed >= total) {
        this.eventsSubject.next({ level: 'info', message: `${this.name}: end of file`, ended: true });
        clearInterval(this.timer);
        this.timer = undefined;
      }
    };
    this.timer = setInterval(feed, this.options.blockMs ?? 5);
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.framesSubject.complete();
    this.eventsSubject.complete();
  }
}

/** The channel with the most signal on it (LTC is often one side of a stereo file). */
function pickChannel(audio: WavAudio): number {
  if (audio.channels === 1) return 0;
  const energy = new Array<number>(audio.channels).fill(0);
  const n = Math.min(audio.samples.length, audio.channels * audio.sampleRate * 2);
  for (let i = 0; i < n; i++) energy[i % audio.channels] += Math.abs(audio.samples[i]);
  return energy.indexOf(Math.max(...energy));
}
