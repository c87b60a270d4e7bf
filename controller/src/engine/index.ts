/** The show engine's public API: deadline scheduler, show clock, cue engine. */
export * from './deadline-scheduler';
export * from './deadline-host';
export * from './lateness-stats';
export * from './at-time';
export * from './show-clock';
export * from './cue-engine';
export * from './engine-types';
export { lookColour, lerpRgb, fadeProgress, lookPartWay, applyMaster, sameLook } from './look-colour';
export { cueLooks, trackedLooks, cueFadeMs, lookFadeMs } from './cue-looks';
export * from './worker-output';
