/**
 * `crowdcue monitor osc ...`: watch what arrives on a show-control link, one
 * JSON line per message. One file per link type (monitor-osc.ts, ...); this
 * only picks the one named.
 */
import type { CommandRun } from '../main';
import { monitorOsc } from './monitor-osc';

const USAGE = `usage: crowdcue monitor osc --port N [--host ADDR]`;

export const run: CommandRun = async (argv, io) => {
  const [link, ...rest] = argv;
  switch (link) {
    case 'osc':
      return monitorOsc(rest, io);
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      io.err(`crowdcue monitor: name a link to watch${link ? ` (not '${link}')` : ''}\n${USAGE}`);
      return 2;
  }
};
