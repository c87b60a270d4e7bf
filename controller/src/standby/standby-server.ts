/**
 * What `startControllerServer` adds for a controller that is the active half
 * of a pair: fenced transmitters, the standby link for its backup, and the
 * pair's status in the live state.
 */
import type { StandbyStatus } from '@crowdcue/protocol';
import type { FastifyInstance } from 'fastify';
import type { LiveShowRuntime } from '../live/live-show-runtime';
import { BackupTracker } from './backup-tracker';
import { fencedOpener } from './fencing';
import type { StandbyIdentity } from './standby-files';
import standbyLinkPlugin from './standby-link';

export interface StandbyServerOptions {
  /** The pair's shared key (standby.key). */
  key: string;
  /** This controller's id and the epoch it holds the transmitters with. */
  identity: StandbyIdentity;
  /** The other controller's console URL (told to consoles). */
  peerUrl: string | null;
  /** A transmitter said a newer controller holds it: step down. */
  onFenced: (transmitterId: string, reason: string) => void;
  /** Bytes sent to the backup (the bench's tracking cost). */
  onSent?: (bytes: number) => void;
}

export class StandbyServer {
  readonly tracker = new BackupTracker();
  private url: string | null = null;

  constructor(readonly o: StandbyServerOptions) {}

  /** The runtime's transmitter opener: fenced HELLO with this controller's claim. */
  get open() {
    return fencedOpener(this.o.identity, this.o.onFenced);
  }

  /** The console URL once the server listens. */
  listening(url: string): void {
    this.url = url;
  }

  status(): StandbyStatus {
    const backup = this.tracker.status();
    return {
      role: 'active',
      epoch: this.o.identity.epoch,
      peerUrl: this.o.peerUrl,
      backup: backup.lastHeardMsAgo === null && !backup.connected ? null : backup,
    };
  }

  async register(app: FastifyInstance, runtime: LiveShowRuntime, dataDir: string): Promise<void> {
    runtime.setStandbyStatus(() => this.status());
    await app.register(standbyLinkPlugin, {
      key: this.o.key,
      dataDir,
      identity: () => this.o.identity,
      url: () => this.url,
      feed: () => runtime.standbyFeed(),
      tracker: this.tracker,
      onSent: this.o.onSent,
    });
  }
}
