/**
 * @crowdcue/simulator: the browser-safe core. Virtual bands that obey CCB, the
 * crowd (struct-of-arrays), venues and seat maps, the RF channel model, and the
 * query helpers. Node-only parts are in `@crowdcue/simulator/node`, the WebGL
 * renderer in `@crowdcue/simulator/renderer`.
 */
export { Band, type BandIdentity, type BandReceipt } from './band/band';
export { diffS32, wrapU32 } from './band/clock';
export { sparkleHash } from './band/effect-math';
export { Crowd, type CrowdArraysInput, type CrowdBandInput, type CrowdBandState, type CrowdOptions, type EffectEntry, type StateWatcher } from './crowd/crowd';
export { buildCrowd, type BuildCrowdOptions } from './crowd/build-crowd';
export { runBandScenario, type BandScenarioOptions, type BandScenarioResult } from './conformance/run-band-scenario';
export { mulberry32, subSeed, type Random } from './random';
export { stadiumVenue, type StadiumOptions } from './venue/stadium';
export { arenaVenue, type ArenaOptions } from './venue/arena';
export { fieldVenue, type FieldOptions } from './venue/field';
export { parseSeatCsv, formatSeatCsvErrors, type SeatCsvError, type SeatCsvOptions, type SeatCsvResult } from './venue/seat-csv';
export { bandPositions, toBandCoord } from './venue/band-position';
export { MAX_PIXEL, MAX_ZONES, type VenueBounds, type VenueKind, type VenueMap, type VenueSeat, type VenueZone } from './venue/types';
export { coverage, toRegion, type CoverageInput, type CoverageOptions, type CoverageRegion } from './rf/coverage';
export { RfChannel, type RfChannelOptions, type RfDelivery, type RfTransmission, type RfTransmitterSpec } from './rf/rf-channel';
export { colorOfSeat, seatIndex, snapshot, type CrowdSnapshot, type SeatRef } from './query';
export { venueFromShow } from './venue/from-show';
