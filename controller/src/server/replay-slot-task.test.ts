import { encodeCcb } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import type { ReplayJobInput } from '../brand/replay-slot-job';
import { replaySlotJob } from '../brand/replay-slot-job';
import { liveShow } from '../live/live-fixtures.test-util';
import { replaySlotInWorker } from './replay-slot-task';

describe('proof-of-play replay in a worker task', () => {
  it('answers what the same replay in this thread answers', async () => {
    const show = liveShow();
    const yellow = encodeCcb({ site: show.site, seq: 1, target: { kind: 'ALL' }, cmd: 'COLOR', rgb: [255, 255, 0], fadeMs: 0 });
    const input: ReplayJobInput = {
      venue: show.venue,
      site: show.site,
      transmitters: [{ id: 'virtual', coverage: 'ALL', lossRate: 0.05 }],
      air: [{ transmitterId: 'virtual', rf: yellow, startMs: 990, endMs: 998, label: 'brand' }],
      steps: [{ kind: 'wash', duration: 2000, color: [255, 255, 0], fade: 0 }],
      planned: [{ kind: 'wash', fromMs: 1000, untilMs: 3000 }],
      image: null,
      coveredZones: [0, 1, 2, 3],
      fromMs: 1000,
      untilMs: 3000,
      zones: [0, 1, 2, 3],
    };
    const inWorker = await replaySlotInWorker(input);
    expect(inWorker.middle.share).toBeGreaterThan(0.9);
    expect(inWorker).toEqual(replaySlotJob(input));
  });
});
