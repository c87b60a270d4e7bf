/**
 * `crowdcue monitor <link>`: prints what arrives on a show-control link, one
 * JSON line per message, the way a tech checks a data link at the venue. One
 * file per link (`monitor-<link>.ts`), loaded lazily.
 */
import type { CliIO, CommandRun } from '../main';

interface MonitorEntry {
  summary: string;
  load: () => Promise<{ run: CommandRun }>;
}

export const monitors: Record<string, MonitorEntry> = {
  sacn: { summary: 'sacn [--universe N]  sACN (E1.31) frames', load: () => import('./monitor-sacn') },
  artnet: { summary: 'artnet [--universe N]  Art-Net ArtDmx frames', load: () => import('./monitor-artnet') },
  osc: { summary: 'osc --port N [--host H]  OSC messages', load: async () => { const m = await import('./monitor-osc'); return { run: (argv, io) => m.monitorOsc(argv, io) }; } },
};

function usage(): string {
  return ['usage: crowdcue monitor <link> [options]', '', 'links:', ...Object.values(monitors).map((m) => `  ${m.summary}`), '', '`crowdcue monitor <link> --help` for its options'].join('\n');
}

export const run: CommandRun = async (argv: string[], io: CliIO) => {
  const [link, ...rest] = argv;
  if (!link || link === '--help' || link === '-h') {
    io.out(usage());
    return link ? 0 : 2;
  }
  const entry = monitors[link];
  if (!entry) {
    io.err(`crowdcue monitor: unknown link '${link}'\n${usage()}`);
    return 2;
  }
  return (await entry.load()).run(rest, io);
};
