/**
 * Turning what a backup followed into its own live state, the moment before
 * its warm server goes on air (LiveShowRuntime.takeOver reads it back):
 * runtime.json becomes the newest record followed (with the highest seq reservation heard, so the first seq the backup uses
 * is above any the old primary may have put on air, and the same band-clock
 * epoch, so SYNC carries the bands' clock on), the journal is emptied (it
 * belonged to this directory's past), and the fencing epoch becomes one more
 * than the followed one. The ordinary restart path (ShowSession.restore) then
 * fires the cue due, replays follows missed during the gap once, and picks
 * parades up part-way in phase.
 */
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JOURNAL_FILE } from '../live/command-journal';
import { writeRuntimeFile } from '../live/runtime-file';
import { saveIdentity, type StandbyIdentity } from './standby-files';
import type { Followed } from './state-follower';

export async function takeOver(dataDir: string, followed: Followed, own: StandbyIdentity): Promise<StandbyIdentity> {
  const state = followed.state;
  if (state) {
    const bands = [state.band, followed.band].filter((b): b is NonNullable<typeof b> => b !== null);
    const band = bands.length === 0 ? null : bands.reduce((a, b) => (b.seqReserved > a.seqReserved ? b : a));
    await rm(join(dataDir, JOURNAL_FILE), { force: true });
    await writeRuntimeFile(dataDir, { ...state, band });
  }
  const epoch = Math.max(own.epoch, followed.active?.epoch ?? 0) + 1;
  const identity = { controllerId: own.controllerId, epoch };
  await saveIdentity(dataDir, identity);
  return identity;
}
