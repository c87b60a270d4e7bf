/**
 * Warnings that stay true until the controller restarts (a show file put back
 * from its backup): a console that joins later is shown them too. Bounded, so
 * a flood cannot grow without end.
 */
import type { LiveWarning } from './live-runtime';

const KEEP = 20;

export class StandingWarnings {
  private readonly items: LiveWarning[] = [];

  add(w: LiveWarning): void {
    this.items.push(w);
    if (this.items.length > KEEP) this.items.shift();
  }

  list(): LiveWarning[] {
    return [...this.items];
  }
}
