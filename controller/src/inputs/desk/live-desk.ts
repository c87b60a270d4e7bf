/**
 * The live show's desk input: opened with each show that is loaded (its
 * `inputs.desk`, or the command line's `--desk`, which wins), closed with it.
 * A desk that cannot listen (port in use) is a warning and a status line,
 * never a show that fails to load.
 */
import type { DeskInput as DeskInputConfig, LiveState } from '@crowdcue/protocol';
import type { ShowSession } from '../../live/show-session';
import { flashLimit } from '../../safety/flash-limit';
import { DeskInput } from './desk-input';
import { sessionDeskTarget } from './desk-target';

export interface LiveDeskOptions {
  /** `--desk`: wins over every show's own. */
  override?: DeskInputConfig;
  warn: (message: string) => void;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
}

export class LiveDesk {
  private input: DeskInput | null = null;

  constructor(private readonly opts: LiveDeskOptions) {}

  /** Opens the desk input of the show `session` plays (closing the last one). */
  async attach(session: ShowSession): Promise<void> {
    await this.close();
    const config = this.opts.override ?? session.show.inputs?.desk;
    if (!config) return;
    const input = new DeskInput({
      config,
      target: sessionDeskTarget(session),
      scheduler: session.scheduler,
      flashLimit: flashLimit(session.show.safety).limit,
      warn: this.opts.warn,
    });
    this.input = input;
    try {
      await input.start();
      this.opts.log?.('info', `desk input: ${config.protocol} universe ${config.universe} at ${config.address}, listening on ${input.status().listening}`);
    } catch (err) {
      this.opts.warn(`desk input: ${err instanceof Error ? err.message : String(err)}`);
    }
  }

  get current(): DeskInput | null {
    return this.input;
  }

  /** The live state with the desk's status in it. */
  withInputs(state: LiveState): LiveState {
    return this.input ? { ...state, inputs: { ...state.inputs, desk: this.input.status() } } : state;
  }

  async close(): Promise<void> {
    const i = this.input;
    this.input = null;
    await i?.stop();
  }
}
