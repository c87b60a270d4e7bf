/**
 * The whole path: sACN from the library's sender over loopback, into a show
 * session's mixer, through the planner onto the virtual transmitter, and the
 * simulated crowd shows it.
 */
import { snapshot } from '@crowdcue/simulator';
import { afterEach, describe, expect, it } from 'vitest';
import { BLUE, liveShow, RED, until } from '../../live/live-fixtures.test-util';
import { liveStateOf } from '../../live/live-state';
import { ShowSession } from '../../live/show-session';
import { parseDeskArg } from './desk-arg';
import { sacnSender } from './desk-senders.test-util';
import { LiveDesk } from './live-desk';

const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of closers.splice(0).reverse()) await c();
});

const crowdColour = (s: ShowSession) => snapshot(s.crowd!, performance.now()).histogram()[0].rgb.join();

describe('LiveDesk in a show session', () => {
  it('a desk over sACN takes the crowd over the playing cue, GOes the playback, and master 0 hands it back', async () => {
    const session = new ShowSession({ show: liveShow() });
    closers.push(() => session.stop());
    await session.start();
    const arg = parseDeskArg('sacn:5@1?zones=4');
    if (!arg.ok) throw new Error(arg.error);
    const warnings: string[] = [];
    const desk = new LiveDesk({ override: { ...arg.desk, port: 0 }, warn: (m) => warnings.push(m) });
    closers.push(() => desk.close());
    await desk.attach(session);
    const port = desk.current!.port;
    const sender = sacnSender({ universe: 5, port, name: 'test desk', cidByte: 7 });
    closers.push(() => sender.close());

    session.go();
    await until('red crowd', () => crowdColour(session) === RED.join());

    const blueZones: Record<number, number> = {};
    for (let z = 0; z < 4; z++) Object.assign(blueZones, { [11 + z * 8]: 255, [14 + z * 8]: 255 });
    await sender.send({ 1: 255, 3: 0, ...blueZones });
    await until('blue crowd from the desk', () => crowdColour(session) === BLUE.join());
    expect(session.mixer.zoneAt(0).source).toBe('desk');

    // Playback 1 GO rises (past the GO lock-out): the next cue (green) fires under the desk's looks.
    await new Promise((r) => setTimeout(r, 350));
    await sender.send({ 1: 255, 3: 255, ...blueZones });
    await until('GO from the desk', () => session.engine.state.currentCue?.id === 'green');

    const state = desk.withInputs(liveStateOf(session));
    expect(state.inputs?.desk).toMatchObject({ protocol: 'sacn', universe: 5, state: 'receiving', source: { name: 'test desk', priority: 100 } });

    // Master down: the desk lets go and the playback shows again.
    await sender.send({ 1: 0, 3: 255, ...blueZones });
    await until('desk let go', () => session.mixer.zoneAt(0).source === 'cue');
    expect(warnings).toEqual([]);
  });
});
