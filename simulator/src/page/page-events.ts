/**
 * Events from the simulate page server to the page (socket.io):
 * - `hello` (PageHello) once on connect: how to build the crowd, the show clock;
 * - `replay` (AirMessage[]) right after: every transmission so far, in order;
 * - `air` (AirMessage) for each new transmission;
 * - `clock` (number) about once a second: the server's show clock in ms.
 */
import type { CrowdRecipe } from './crowd-recipe';

export interface PageHello {
  crowd: CrowdRecipe;
  /** Server show clock when sent (ms). */
  nowMs: number;
  /** Transmissions fed before this page connected. */
  packets: number;
}
