/** The zone mixer: the one owner of what each zone shows, and why. */
export { ZoneMixer, type ZoneMixerOptions, type PlaybackSetup, type MixLayer, type MixLayerStep, type ZoneMix } from './zone-mixer';
export { rankOf, compareRank, SOURCE_LEVEL, TIMELINE_PRIORITY, type Rank, type RankParts } from './mix-rank';
export { scaleLook } from './scale-look';
export { feedPlanner, sendFrame, type FeedPlannerOptions } from './feed-planner';
export { lookBatches, planLookOf, cueLabel, type LookBatch } from './zone-looks';
