import { VirtualAction, VirtualTimeScheduler } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { causeOf, RepeatedWarnings } from './repeated-warnings';

function rig() {
  const lines: string[] = [];
  const scheduler = new VirtualTimeScheduler(VirtualAction, Infinity);
  const agg = new RepeatedWarnings((level, message) => lines.push(`${level}: ${message}`), { scheduler });
  const at = (ms: number, fn: () => void) => scheduler.schedule(fn, ms);
  return { lines, scheduler, agg, at };
}

describe('RepeatedWarnings', () => {
  it('prints the first line of a cause at once, then one count per second while it goes on', () => {
    const { lines, scheduler, agg, at } = rig();
    // 1,000 bad frames a second for 3 seconds.
    for (let t = 0; t < 3000; t++) at(t, () => agg.note('warn', `dropped a bad frame from the device (crc): seq ${t % 256}`));
    scheduler.flush();
    expect(lines[0]).toBe('warn: dropped a bad frame from the device (crc): seq 0');
    const summaries = lines.slice(1).map((l) => /^warn: (\d+) more of \(dropped a bad frame from the device \(crc\): seq #\) in the last second$/.exec(l));
    expect(summaries).toHaveLength(3);
    expect(summaries.reduce((n, m) => n + Number(m?.[1]), 0)).toBe(2999);
  });

  it('counts each cause on its own, and a quiet second lets a cause print at once again', () => {
    const { lines, scheduler, agg, at } = rig();
    at(0, () => agg.note('warn', 'cue 3 landed 12.5 ms late (cue)'));
    at(10, () => agg.note('error', 'device stopped answering'));
    at(20, () => agg.note('warn', 'cue 4 landed 30.1 ms late (cue)'));
    at(5000, () => agg.note('warn', 'cue 9 landed 11.0 ms late (cue)'));
    scheduler.flush();
    expect(lines).toEqual([
      'warn: cue 3 landed 12.5 ms late (cue)',
      'error: device stopped answering',
      'warn: 1 more of (cue # landed # ms late (cue)) in the last second',
      'warn: cue 9 landed 11.0 ms late (cue)',
    ]);
  });

  it('passes summaries from another aggregator through, and prints what is counted on close', () => {
    const { lines, agg } = rig();
    agg.note('warn', 'transmitter a: 40 more of (x #) in the last second');
    agg.note('warn', 'transmitter a: 41 more of (x #) in the last second');
    agg.note('info', 'late or stray PONG for seq 4 ignored');
    agg.note('error', 'late or stray PONG for seq 5 ignored');
    agg.close();
    expect(lines).toEqual([
      'warn: transmitter a: 40 more of (x #) in the last second',
      'warn: transmitter a: 41 more of (x #) in the last second',
      'info: late or stray PONG for seq 4 ignored',
      'error: 1 more of (late or stray PONG for seq # ignored) in the last second',
    ]);
  });

  it('takes a named cause over the message text', () => {
    const { lines, agg } = rig();
    agg.note('warn', 'one wording', 'bad-frame');
    agg.note('warn', 'another wording', 'bad-frame');
    agg.close();
    expect(lines).toEqual(['warn: one wording', 'warn: 1 more of (bad-frame) in the last second']);
    expect(causeOf('seq 0x1f at 12.5 ms')).toBe('seq # at # ms');
  });
});
