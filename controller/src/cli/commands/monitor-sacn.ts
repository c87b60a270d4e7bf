/** `crowdcue monitor sacn`: what arrives over sACN (E1.31). */
import type { CommandRun } from '../main';
import { runDmxMonitor } from './monitor-dmx';

export const run: CommandRun = (argv, io) => runDmxMonitor('sacn', argv, io);
