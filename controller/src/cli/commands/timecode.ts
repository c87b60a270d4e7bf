/**
 * `crowdcue timecode FILE.wav`: the field check of an LTC feed. Decodes the
 * LTC in a recording and prints one line per frame, its timecode
 * (`HH:MM:SS;FF` for drop-frame) and the sample where it starts, then the
 * frame rate found. Audio with no LTC in it is an error that says so.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { formatTimecode } from '@crowdcue/protocol';
import { readLtc } from '../../inputs/timecode/ltc-read';
import { describeRate } from '../../inputs/timecode/ltc-rate';
import { readWav, WavError } from '../../inputs/timecode/wav';
import type { CommandRun } from '../main';

const USAGE = `usage: crowdcue timecode FILE.wav

Decodes LTC from a 16-bit WAV file (mono or stereo, any channel) and prints
each frame as HH:MM:SS:FF (HH:MM:SS;FF for drop-frame) with the sample where
it starts, then the frame rate found.`;

export const run: CommandRun = async (argv, io) => {
  let positionals: string[];
  let help: boolean | undefined;
  try {
    ({ positionals, values: { help } } = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h' } } }));
  } catch (err) {
    io.err(`crowdcue timecode: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (help) {
    io.out(USAGE);
    return 0;
  }
  if (positionals.length !== 1) {
    io.err(`crowdcue timecode: name one WAV file\n${USAGE}`);
    return 2;
  }
  const file = positionals[0];
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (err) {
    io.err(`crowdcue timecode: cannot read ${file}: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
  let audio;
  try {
    audio = readWav(bytes);
  } catch (err) {
    io.err(`crowdcue timecode: ${file}: ${err instanceof WavError ? err.message : String(err)}`);
    return 1;
  }
  const seconds = audio.samples.length / audio.channels / audio.sampleRate;
  const read = readLtc(audio);
  if (!read) {
    io.err(`crowdcue timecode: ${file}: no LTC found in ${seconds.toFixed(2)} s of audio (${audio.channels} channel${audio.channels === 1 ? '' : 's'}, ${audio.sampleRate} Hz); is the timecode on this recording, and above -32 dBFS?`);
    return 1;
  }
  for (const f of read.frames) io.out(`${formatTimecode(f.timecode)} ${Math.round(f.startSample)}`);
  const channel = audio.channels > 1 ? `, channel ${read.channel + 1} of ${audio.channels}` : '';
  io.out(`frame rate: ${describeRate(read.found)} (${read.frames.length} frames, ${audio.sampleRate} Hz${channel})`);
  return 0;
};
