/**
 * Timecode chase figures, on a show session with the built-in virtual
 * transmitter and LTC audio played from memory on the controller's clock:
 *
 * - frame to air: from the LTC frame boundary in the audio (the sample where
 *   a cue's frame starts, as controller time) to the cue's first packet on
 *   air (its start, and its end when bands act): p50/p99/max and early ones
 *   (must be 0), at 25 fps and 29.97 drop-frame;
 * - freewheel: the LTC stops; with a cue on every frame, how many frames'
 *   cues still play (should equal the configured freewheel exactly).
 *
 * Figures only; nothing here passes or fails.
 */
import { formatTimecode, parseShow, type FrameRate, type Show, type ShowInput } from '@crowdcue/protocol';
import { generateLtc, LtcFileSource, ShowSession, startTimecodeInput, type GeneratedLtc, type OnAirPacket } from '@crowdcue/controller';
import { decodeCcb } from '@crowdcue/protocol';
import type { BenchResult } from './types';

function quantile(sorted: number[], q: number): number {
  return sorted.length === 0 ? NaN : sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** Cue i's colour: unique per cue so its first packet on air is found by colour. */
const colourOf = (i: number): [number, number, number] => [(i * 37) % 256, 255 - ((i * 11) % 200), (i * 5) % 256];

function chaseShow(rate: FrameRate, ltc: GeneratedLtc, cueFrames: number[], freewheelFrames: number): Show {
  const input: ShowInput = {
    version: 1,
    id: 'tc-bench',
    name: 'Timecode bench',
    site: 3,
    venue: { name: 'Field', zones: [0, 1, 2, 3].map((z) => ({ id: z, name: `Zone ${z}` })), seats: { kind: 'field', seed: 1, seats: 200 } as unknown as ShowInput['venue']['seats'] },
    cueLists: [
      {
        id: 'song',
        name: 'Song',
        cues: cueFrames.map((f, i) => ({ id: `c${i}`, number: i + 1, timecode: formatTimecode(ltc.timecodes[f] ?? ltc.timecodes[0]!), looks: { all: { kind: 'color', color: colourOf(i) } } })),
      },
    ],
    inputs: { timecode: { source: 'ltc:bench.wav', rate, freewheelFrames } },
  };
  const parsed = parseShow(input);
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.path}: ${e.message}`).join('; '));
  return parsed.value;
}

/** Plays `ltc` into a chasing session until the chase has given up and the air is quiet; answers the LTC start time and every transmission. */
async function chase(rate: FrameRate, ltc: GeneratedLtc, show: Show, extraMs: number): Promise<{ t0: number; aired: OnAirPacket[] }> {
  const session = new ShowSession({ show, crowd: false });
  const aired: OnAirPacket[] = [];
  session.onAir$.subscribe((p) => aired.push(p));
  await session.start();
  const source = new LtcFileSource({ file: 'bench.wav', clock: session.scheduler, rate, audio: { sampleRate: ltc.sampleRate, channels: ltc.channels, samples: ltc.samples } });
  const running = await startTimecodeInput(session, show.inputs!.timecode!, () => undefined, source);
  const t0 = source.startedAtMs as number;
  await new Promise((r) => setTimeout(r, (ltc.samples.length / ltc.sampleRate) * 1000 + extraMs));
  // On a loaded host the last cues may still be on their way to air: wait for the chase to give up (after
  // that it fires nothing) and for the air to go quiet, so the count is the chase's, not the host's.
  const giveUpAt = performance.now() + 15_000;
  let quietSince = performance.now();
  let seen = aired.length;
  while (performance.now() < giveUpAt) {
    if (aired.length !== seen) [seen, quietSince] = [aired.length, performance.now()];
    if (running.status().lock === 'lost' && session.planner.pendingCount() === 0 && performance.now() - quietSince >= 500) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await running.stop();
  await session.stop();
  return { t0, aired };
}

function firstOfColour(aired: OnAirPacket[], rgb: [number, number, number]): OnAirPacket | undefined {
  return aired.find((p) => {
    const d = decodeCcb(p.rf);
    return d.ok && d.value.cmd === 'COLOR' && d.value.rgb.join() === rgb.join();
  });
}

async function frameToAir(rate: FrameRate): Promise<Record<string, string | number>> {
  const frames = Math.round(rate) * 12;
  const ltc = generateLtc({ rate, start: rate === 29.97 ? '00:59:59;00' : '00:59:59:00', frames, levelDbfs: -12, noiseDbfs: -50 });
  // a cue every 7 frames after the first second (lock first), so cue frames fall on every phase
  const cueFrames: number[] = [];
  for (let f = Math.round(rate); f < frames - 2; f += 7) cueFrames.push(f);
  const show = chaseShow(rate, ltc, cueFrames, 10);
  const { t0, aired } = await chase(rate, ltc, show, 600);
  const toStart: number[] = [];
  const toEnd: number[] = [];
  let missing = 0;
  cueFrames.forEach((f, i) => {
    const p = firstOfColour(aired, colourOf(i));
    if (!p) {
      missing++;
      return;
    }
    const frameMs = t0 + ((ltc.frameStarts[f] as number) / ltc.sampleRate) * 1000;
    toStart.push(p.startMs - frameMs);
    toEnd.push(p.endMs - frameMs);
  });
  toStart.sort((a, b) => a - b);
  toEnd.sort((a, b) => a - b);
  return {
    case: `LTC ${rate === 29.97 ? '29.97 DF' : `${rate} fps`}, frame to air`,
    cues: cueFrames.length,
    missing,
    'start p50 ms': quantile(toStart, 0.5),
    'start p99 ms': quantile(toStart, 0.99),
    'start max ms': toStart.at(-1) ?? NaN,
    'bands act p50 ms': quantile(toEnd, 0.5),
    'bands act p99 ms': quantile(toEnd, 0.99),
    early: toStart.filter((x) => x < 0).length,
  };
}

async function freewheel(rate: FrameRate, freewheelFrames: number): Promise<Record<string, string | number>> {
  const played = 25;
  const ltc = generateLtc({ rate, start: '01:00:00:00', frames: played, levelDbfs: -12 });
  // a cue on every frame from frame 10 to well past where the freewheel must stop
  const total = played + freewheelFrames + 15;
  const all = generateLtc({ rate, start: '01:00:00:00', frames: total });
  const cueFrames = Array.from({ length: total - 10 }, (_, k) => 10 + k);
  const show = chaseShow(rate, all, cueFrames, freewheelFrames);
  const frameMs = 1000 / (rate === 29.97 ? 30000 / 1001 : rate);
  const { aired } = await chase(rate, ltc, show, (freewheelFrames + 8) * frameMs);
  const lastFrame = played - 1;
  const pastEnd = cueFrames.filter((f, i) => f > lastFrame && firstOfColour(aired, colourOf(i)) !== undefined).length;
  return { case: `freewheel ${freewheelFrames} frames at ${rate} fps`, 'cues after the last frame': pastEnd, 'expected': freewheelFrames, exact: pastEnd === freewheelFrames ? 'yes' : 'no' };
}

export async function bench(): Promise<BenchResult[]> {
  const air = [await frameToAir(25), await frameToAir(29.97)];
  const wheel = [await freewheel(25, 0), await freewheel(25, 5), await freewheel(25, 12), await freewheel(30, 8)];
  return [
    {
      name: 'timecode frame to air',
      rows: air,
      notes: [
        'Start: the cue\'s first packet starting on air, from its LTC frame boundary in the audio (controller ms). Bands act at the end of that transmission.',
        'Never early by design: each cue is armed on the deadline scheduler at its frame\'s controller time; the packet then goes out as soon as it can land (virtual transmitter, 38.4 kbit/s).',
      ],
    },
    { name: 'timecode freewheel', rows: wheel, notes: ['LTC stops after 25 frames; every later frame has a cue. Cues that still play = frames freewheeled.'] },
  ];
}
