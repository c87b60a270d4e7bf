/** The live rehearsal page `crowdcue simulate` serves (Node only). */
export { startSimulatePage, type SimulatePage, type SimulatePageOptions } from './simulate-page-server';
export { bundledPage } from './bundle-page';
export type { AirPacket } from '../page/air-message';
export type { CrowdRecipe, VenueRecipe } from '../page/crowd-recipe';
export { crowdFromRecipe, venueFromRecipe } from '../page/crowd-recipe';
