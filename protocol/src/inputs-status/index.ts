/** Live status of the show's inputs (OSC, and beside it timecode and desk input), sent with the live state. */
import type { OscInputStatus } from './osc-status';

export type { OscInputStatus };

export interface InputsStatus {
  osc?: OscInputStatus;
}
