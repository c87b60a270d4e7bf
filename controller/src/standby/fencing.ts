/**
 * The active controller opens its transmitters fenced (PROTOCOL.md 1.8): every
 * CCL driver says HELLO with this controller's id and epoch, and a device that
 * answers NACK FENCED (a newer controller holds it) is let go and reported, so
 * the controller steps down to backup instead of fighting for the air.
 *
 * The claim is read when a transmitter is opened: a warm backup's server runs
 * before it holds anything, and opens its transmitters with the epoch it took
 * over with.
 */
import type { OpenSessionTransmitter } from '../live/show-session';
import { openTransmitter } from '../transmitter/open-transmitter';
import type { StandbyIdentity } from './standby-files';

export function fencedOpener(identity: () => StandbyIdentity, onFenced: (transmitterId: string, reason: string) => void): OpenSessionTransmitter {
  return (config, opts) => {
    const { controllerId, epoch } = identity();
    return openTransmitter(config.url, {
      ...opts,
      ccl: { ...opts.ccl, fence: { controllerId, epoch, onFenced } },
    });
  };
}
