/**
 * The live show's OSC input: opened with the settings of the live show's
 * `inputs.osc` (the port overridden by `--osc PORT`), and opened again when
 * the live show changes or its stored inputs are saved. A port that cannot
 * open is reported in the status and the log; the show plays on.
 */
import { isDeepStrictEqual } from 'node:util';
import { OscInputSchema, type OscInput, type OscInputStatus } from '@crowdcue/protocol';
import { distinctUntilChanged, map, Subscription } from 'rxjs';
import type { ShowStore } from '../../storage/show-store';
import { OscInputServer, type OscInputOptions, type OscRuntime } from './osc-input';

export interface OscLiveInputOptions {
  runtime: OscRuntime & { readonly liveShowId: string | null };
  shows: Pick<ShowStore, 'get'>;
  /** Where to listen (the controller's --host). */
  host: string;
  /** `--osc PORT`: this port, whatever the show says (and loopback only when the show has no OSC input). */
  overridePort?: number;
  timecode?: OscInputOptions['timecode'];
  log?: OscInputOptions['log'];
}

export class OscLiveInput {
  private server: OscInputServer | null = null;
  private applied: { config: OscInput; port: number } | null = null;
  private problem: { port: number; error: string } | null = null;
  private readonly subs = new Subscription();
  private work: Promise<void> = Promise.resolve();
  private closed = false;

  constructor(private readonly opts: OscLiveInputOptions) {}

  /** Follows the live show; answers once the first configuration is applied. */
  start(): Promise<void> {
    this.subs.add(
      this.opts.runtime.state$
        .pipe(
          map((s) => s.show),
          distinctUntilChanged(),
        )
        .subscribe(() => void this.refresh()),
    );
    return this.refresh();
  }

  /** A stored show was saved: the live one's inputs may have changed. */
  showSaved(id: string): void {
    if (id === this.opts.runtime.liveShowId) void this.refresh();
  }

  status(): OscInputStatus | undefined {
    if (this.server) return this.server.status();
    const source = this.opts.overridePort !== undefined ? 'command line' : 'show';
    if (this.problem) return { ...idle(source), state: 'error', port: this.problem.port, error: this.problem.error };
    return this.applied ? idle(source) : undefined;
  }

  /** The port the input listens on now (0 when closed). */
  get port(): number {
    return this.server?.port ?? 0;
  }

  refresh(): Promise<void> {
    this.work = this.work.then(() => this.apply()).catch((err: unknown) => this.opts.log?.('error', `OSC: ${err instanceof Error ? err.message : String(err)}`));
    return this.work;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.subs.unsubscribe();
    await this.work;
    await this.server?.close();
    this.server = null;
  }

  private async wanted(): Promise<OscInput | null> {
    const id = this.opts.runtime.liveShowId;
    const fromShow = id ? ((await this.opts.shows.get(id).catch(() => null))?.show.inputs?.osc ?? null) : null;
    if (this.opts.overridePort !== undefined) return fromShow ? { ...fromShow, enabled: true } : OscInputSchema.parse({ allow: ['127.0.0.1', '::1'] });
    return fromShow;
  }

  private async apply(): Promise<void> {
    if (this.closed) return;
    const config = await this.wanted();
    const port = this.opts.overridePort ?? config?.port ?? 0;
    const next = config ? { config, port } : null;
    if (isDeepStrictEqual(next, this.applied) && (this.server || this.problem || !config?.enabled)) return;
    await this.server?.close();
    this.server = null;
    this.problem = null;
    this.applied = next;
    if (!config || !config.enabled || this.closed) return;
    try {
      this.server = await OscInputServer.open({
        config,
        port,
        host: this.opts.host,
        source: this.opts.overridePort !== undefined ? 'command line' : 'show',
        runtime: this.opts.runtime,
        timecode: this.opts.timecode,
        log: this.opts.log,
      });
      this.opts.log?.('info', `OSC: listening on ${this.opts.host}:${this.server.port}, from ${config.allow.join(', ') || 'nobody (empty allow-list)'}`);
    } catch (err) {
      this.problem = { port, error: err instanceof Error ? err.message : String(err) };
      this.opts.log?.('warn', this.problem.error);
    }
  }
}

function idle(source: OscInputStatus['source']): OscInputStatus {
  return { state: 'off', port: 0, source, subscribers: 0, messagesPerSecond: 0, messages: 0, dropped: 0, malformed: 0, rateLimited: 0, recent: [] };
}
