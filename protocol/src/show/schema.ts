/**
 * The show-file model: zod schemas (one per part) and their parsed types.
 * Read a file with `parseShow`; the schemas are for editors and servers.
 */
export * from './common';
export * from './limits';
export * from './venue-size';
export * from './colour';
export * from './look';
export * from './cue';
export * from './parade';
export * from './venue';
export * from './brand';
export * from './transmitter';
export * from './inputs';
export * from './safety';
export * from './references';
export * from './inputs/index';
export * from './inputs/check-timecode';
export * from './show';
export * from './format-issues';
export * from './parse-show';
export * from './json-schema';
export * from './cue-timing';
