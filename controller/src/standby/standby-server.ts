/**
 * What `startControllerServer` adds for a controller in a pair: fenced
 * transmitters, the standby link for its backup, and the pair's status in the
 * live state.
 *
 * A warm backup runs this server too (role `backup`): its consoles see how
 * closely it follows, its runtime holds the followed show loaded and checked
 * but drives nothing, and `becomeActive` turns it into the active controller
 * in place, with the epoch it took over with, without a restart.
 */
import type { StandbyStatus } from '@crowdcue/protocol';
import type { FastifyInstance } from 'fastify';
import type { ProofOfPlayLog } from '../brand/proof-of-play';
import type { LiveShowRuntime } from '../live/live-show-runtime';
import { BackupTracker } from './backup-tracker';
import { fencedOpener } from './fencing';
import type { StandbyIdentity } from './standby-files';
import standbyLinkPlugin from './standby-link';

export type StandbyRole = StandbyStatus['role'];

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
  /** `backup`: a warm backup (default `active`). */
  role?: StandbyRole;
  /** On a backup: how closely it follows (state-follower.ts), for the live state. */
  following?: () => { epoch: number; status: NonNullable<StandbyStatus['following']> };
}

export class StandbyServer {
  readonly tracker = new BackupTracker();
  private url: string | null = null;
  private identity: StandbyIdentity;
  private roleNow: StandbyRole;

  constructor(readonly o: StandbyServerOptions) {
    this.identity = o.identity;
    this.roleNow = o.role ?? 'active';
  }

  get role(): StandbyRole {
    return this.roleNow;
  }

  /** The runtime's transmitter opener: fenced HELLO with this controller's claim as it is when a transmitter opens. */
  get open() {
    return fencedOpener(() => this.identity, this.o.onFenced);
  }

  /** A warm backup took over: it holds the transmitters with `identity` from now on. */
  becomeActive(identity: StandbyIdentity): void {
    this.identity = identity;
    this.roleNow = 'active';
  }

  /** The console URL once the server listens. */
  listening(url: string): void {
    this.url = url;
  }

  status(): StandbyStatus {
    if (this.roleNow === 'backup') {
      const f = this.o.following?.();
      return { role: 'backup', epoch: f?.epoch ?? 0, peerUrl: this.o.peerUrl, backup: null, ...(f ? { following: f.status } : {}) };
    }
    const backup = this.tracker.status();
    return {
      role: 'active',
      epoch: this.identity.epoch,
      peerUrl: this.o.peerUrl,
      backup: backup.lastHeardMsAgo === null && !backup.connected ? null : backup,
    };
  }

  async register(app: FastifyInstance, runtime: LiveShowRuntime, dataDir: string, reports: ProofOfPlayLog): Promise<void> {
    runtime.setStandbyStatus(() => this.status());
    await app.register(standbyLinkPlugin, {
      key: this.o.key,
      dataDir,
      identity: () => this.identity,
      role: () => this.roleNow,
      url: () => this.url,
      feed: () => runtime.standbyFeed(),
      tracker: this.tracker,
      onSent: this.o.onSent,
      reports,
    });
  }
}
