/**
 * `mtc:PORT`: MIDI timecode from a MIDI input, opened with @julusian/midi
 * (RtMidi; ALSA sequencer on Linux), by port number or by a part of its name.
 * The native module is loaded only when an MTC source starts.
 */
import { Subject } from 'rxjs';
import { MtcParser } from './mtc-parser';
import type { MonotonicClock, TimecodeFrame, TimecodeSource, TimecodeSourceEvent } from './timecode-source';

export interface MidiInputPort {
  getPortCount(): number;
  getPortName(i: number): string;
  openPort(i: number): void;
  closePort(): void;
  ignoreTypes(sysex: boolean, timing: boolean, activeSensing: boolean): void;
  on(event: 'message', listener: (deltaTime: number, message: number[]) => void): unknown;
}

export interface MtcSourceOptions {
  port: string;
  clock: MonotonicClock;
  /** Tests: a MIDI input other than the system's. */
  openInput?: () => Promise<MidiInputPort>;
}

async function systemInput(): Promise<MidiInputPort> {
  const midi = await import('@julusian/midi');
  return new midi.Input() as unknown as MidiInputPort;
}

export class MtcSource implements TimecodeSource {
  readonly name: string;
  private readonly framesSubject = new Subject<TimecodeFrame>();
  private readonly eventsSubject = new Subject<TimecodeSourceEvent>();
  readonly frames$ = this.framesSubject.asObservable();
  readonly events$ = this.eventsSubject.asObservable();
  private input: MidiInputPort | undefined;
  private readonly parser = new MtcParser();

  constructor(private readonly options: MtcSourceOptions) {
    this.name = `mtc:${options.port}`;
  }

  async start(): Promise<void> {
    let input: MidiInputPort;
    try {
      input = await (this.options.openInput ?? systemInput)();
    } catch (err) {
      throw new Error(`${this.name}: cannot open MIDI: ${err instanceof Error ? err.message : String(err)}`);
    }
    const names = Array.from({ length: input.getPortCount() }, (_, i) => input.getPortName(i));
    const want = this.options.port;
    const index = /^\d+$/.test(want) ? Number(want) : names.findIndex((n) => n.toLowerCase().includes(want.toLowerCase()));
    if (index < 0 || index >= names.length) throw new Error(`${this.name}: no such MIDI input (inputs: ${names.map((n, i) => `${i} "${n}"`).join(', ') || 'none'})`);
    input.ignoreTypes(false, true, true);
    input.on('message', (_delta, message) => {
      for (const f of this.parser.push(message, this.options.clock.now())) this.framesSubject.next(f);
    });
    input.openPort(index);
    this.input = input;
    this.eventsSubject.next({ level: 'info', message: `${this.name}: listening on "${names[index]}"` });
  }

  async stop(): Promise<void> {
    this.input?.closePort();
    this.input = undefined;
    this.framesSubject.complete();
    this.eventsSubject.complete();
  }
}
