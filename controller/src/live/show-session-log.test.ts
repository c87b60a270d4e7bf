import { afterEach, describe, expect, it } from 'vitest';
import { liveShow, until } from './live-fixtures.test-util';
import { ShowSession } from './show-session';

let session: ShowSession | undefined;
afterEach(async () => {
  await session?.stop();
});

describe('ShowSession log', () => {
  it('passes each driver log line on once (a warning printed twice would count as a repeat)', async () => {
    const lines: string[] = [];
    session = new ShowSession({
      show: liveShow(),
      transmitters: [{ id: 'gone', url: 'serial:/dev/crowdcue-no-such-port', coverage: 'ALL' }],
      log: (level, message) => lines.push(`${level}: ${message}`),
    });
    await session.start();
    await until('the link-down warning', () => lines.some((l) => l.includes('transmitter gone: link down')));
    const down = lines.filter((l) => l.includes('transmitter gone: link down'));
    expect(down).toHaveLength(1);
  });
});
