/** Live status of the show-control inputs, as the console receives it. */
import type { DeskInputStatus } from './desk-status';
import type { TimecodeStatusInfo } from '../timecode/timecode-status';

export * from './desk-status';

export interface LiveInputsStatus {
  timecode?: TimecodeStatusInfo;
  desk?: DeskInputStatus;
}
