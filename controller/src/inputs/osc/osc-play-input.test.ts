/** `crowdcue play --osc`: the OSC input in front of a headless session, over loopback UDP. */
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../cli/commands/play';
import { liveShow } from '../../live/live-fixtures.test-util';
import { ShowSession } from '../../live/show-session';
import { i, OscTestClient } from './osc-client.test-util';
import type { OscInputServer } from './osc-input';
import { openPlayOsc } from './osc-play-input';

const open: Array<{ close(): Promise<void> }> = [];
let session: ShowSession | undefined;
afterEach(async () => {
  for (const o of open.splice(0).reverse()) await o.close();
  await session?.stop();
  session = undefined;
});

describe('OSC while a show plays headless', () => {
  it('carries out OSC commands on the session through the same gate, with the show refusing what it refuses', async () => {
    session = new ShowSession({ show: liveShow(), crowd: false });
    await session.start();
    const input: OscInputServer = await openPlayOsc(session, 0);
    open.push(input);
    const client = await OscTestClient.open(input.port);
    open.push(client);
    client.send('/crowdcue/go');
    expect((await client.reply('/crowdcue/go')).address).toBe('/crowdcue/ok');
    expect(session.engine.state.currentCue?.id).toBe('red');
    client.send('/crowdcue/master', i(300));
    expect(String((await client.reply('/crowdcue/master')).args[1].value)).toMatch(/outside 0\.\.255/);
    client.send('/crowdcue/master', i(10));
    expect((await client.reply('/crowdcue/master')).address).toBe('/crowdcue/ok');
    expect(session.mixer.master).toBe(10);
    client.send('/crowdcue/goto', i(99));
    expect((await client.reply('/crowdcue/goto')).address).toBe('/crowdcue/error');
  });

  it('refuses --osc outside 1024..65535 before playing', async () => {
    const err: string[] = [];
    expect(await run(['demo', '--osc', '53'], { out: () => undefined, err: (l) => err.push(l) })).toBe(2);
    expect(err[0]).toMatch(/--osc must be a UDP port 1024\.\.65535/);
  });
});
