/**
 * Hot standby over real processes: a primary and a backup `crowdcue start`
 * on one TCP transmitter (the simulator's virtual transmitter, the demo show's
 * crowd behind it). kill -9 of the primary mid-show: the backup takes over
 * and the bands end up exactly where a run without the kill ends up, with no
 * packet the bands would ignore as stale or duplicate. Then the old primary
 * comes back: it starts as the backup and never takes the transmitter back.
 */
import { afterAll, describe, expect, it } from 'vitest';
import {
  coloursAt, consoleLook, differing, wallOffset, goAll, startController, startPair, startRig, staleOrDuplicate, stopLater,
} from './standby-harness';

const KILL_AT_MS = 2500;
/** Never compared before the split look is settled (its fade ends about 7 s in). */
const MIN_COMPARE_AT_MS = 8000;

const cleanup: Array<() => Promise<unknown>> = [];
afterAll(async () => {
  for (const c of cleanup.splice(0).reverse()) await c().catch(() => undefined);
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('hot standby pair', () => {
  /** Where the kill run was compared (show ms), and what its bands showed there. */
  let killRun: { atMs: number; colours: ReturnType<typeof coloursAt> } | undefined;

  it('kill -9 of the primary mid-show: the backup takes over; then the old primary returns as the backup', async () => {
    const rig = await startRig();
    cleanup.push(() => rig.close());
    const { primary, backup, pa, da } = await startPair(rig, cleanup);
    const { startWallMs, password } = await goAll(primary);
    // The warm backup's console: it says whom it follows and how closely, and drives nothing.
    const look = await consoleLook(backup, password);
    expect(look.state.standby).toMatchObject({ role: 'backup', peerUrl: primary.url, following: { show: 'demo' } });
    expect(look.state.standby?.following?.lastBeatMsAgo).not.toBeNull();
    expect(look.goAck).toMatchObject({ ok: false, error: expect.stringMatching(/backup/) });
    await sleep(Math.max(0, startWallMs + KILL_AT_MS - Date.now()));
    primary.child.kill('SIGKILL');
    await backup.line(/taking over from /, 20_000);
    await backup.line(/live show 'demo' restored \(running/, 60_000);
    // Taken over in place: the same server, now active, on the next fencing epoch.
    expect((await consoleLook(backup, password, false)).state.standby).toMatchObject({ role: 'active', epoch: 2 });
    // Compared once the backup has played a while (colours are read as the bands hold them now).
    const atMs = Math.max(MIN_COMPARE_AT_MS, Math.ceil((Date.now() - startWallMs + 1500) / 1000) * 1000);
    await sleep(Math.max(0, startWallMs + atMs + 200 - Date.now()));
    killRun = { atMs, colours: coloursAt(rig.crowd, startWallMs, atMs) };
    expect(staleOrDuplicate(rig.aired)).toBe(0);
    expect(rig.device.fenceHolder?.epoch).toBe(2);

    // The old primary returns (same command line): it finds its peer active and follows it.
    const returned = startController(da, pa, ['--transmitter', rig.url, '--peer', backup.url]);
    stopLater(returned, cleanup);
    await returned.line(/is the active controller: starting as its backup/);
    await returned.line(/^following /);
    const framesBefore = rig.device.stats().framesIn;
    await sleep(1500);
    expect(rig.device.fenceHolder?.epoch).toBe(2);
    expect(rig.device.stats().nacks.FENCED ?? 0).toBe(0);
    expect(rig.device.stats().framesIn).toBeGreaterThan(framesBefore);
    expect(returned.out.join('\n')).not.toMatch(/taking over/);
  }, 240_000);

  it('the bands end exactly where a run without the kill ends', async () => {
    expect(killRun).toBeDefined();
    const rig = await startRig();
    cleanup.push(() => rig.close());
    const { primary } = await startPair(rig, cleanup);
    const { startWallMs } = await goAll(primary);
    await sleep(Math.max(0, startWallMs + killRun!.atMs + 200 - Date.now()));
    const reference = coloursAt(rig.crowd, startWallMs, killRun!.atMs);
    expect(staleOrDuplicate(rig.aired)).toBe(0);
    // The show is lit there, so the comparison means something.
    expect(reference.filter((c) => c[0] + c[1] + c[2] > 0).length).toBeGreaterThan(rig.crowd.count / 2);
    if (differing(killRun!.colours, reference) > 0) {
      console.log(`compared at ${killRun!.atMs} ms: kill run ${JSON.stringify(killRun!.colours.slice(0, 4))}, reference ${JSON.stringify(reference.slice(0, 4))}`);
      console.log(rig.aired.map((t) => `${Math.round(t.endHostMs - (startWallMs - wallOffset()))}:${Buffer.from(t.rf).toString('hex')}`).join(' '));
    }
    expect(differing(killRun!.colours, reference)).toBe(0);
  }, 240_000);
});
