/** Live status of the show-control inputs, as the console receives it. */
import type { DeskInputStatus } from './desk-status';
import type { TimecodeStatusInfo } from '../timecode/timecode-status';
import type { OscInputStatus } from './osc-status';

export * from './desk-status';
export type { OscInputStatus } from './osc-status';

export interface LiveInputsStatus {
  timecode?: TimecodeStatusInfo;
  desk?: DeskInputStatus;
  osc?: OscInputStatus;
}
