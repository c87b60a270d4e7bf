/** `crowdcue monitor artnet`: what arrives over Art-Net (ArtDmx). */
import type { CommandRun } from '../main';
import { runDmxMonitor } from './monitor-dmx';

export const run: CommandRun = (argv, io) => runDmxMonitor('artnet', argv, io);
