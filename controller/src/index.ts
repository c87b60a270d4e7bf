/** @crowdcue/controller: show engine, zone mixer, planner, transmitter drivers, server and CLI. */
export * from './transmitter/index';
export * from './engine/index';
export * from './mixer/index';
export * from './brand/index';
export * from './live/index';
export * from './inputs/timecode/index';
