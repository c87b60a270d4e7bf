/** Live status of the show-control inputs, as the console receives it. */
import type { DeskInputStatus } from './desk-status';

export * from './desk-status';

export interface LiveInputsStatus {
  desk?: DeskInputStatus;
}
