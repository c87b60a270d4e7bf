/** @crowdcue/controller: show engine, planner, transmitter drivers, server and CLI. */
export * from './transmitter/index';
export * from './engine/index';
export * from './brand/index';
export * from './live/index';
