/**
 * Proof of play on a hot-standby pair. Each run is recorded by the controller
 * active when it ends; the backup copies every row the active controller
 * records, under the same id, so after a takeover a brand finds all its
 * reports, with the same ids, on the controller now active.
 *
 * As with logos, the rows (each with its replayed crowd's PNG) do not ride on
 * the follow stream: it says the newest row's id (`reports`), and the backup
 * asks for the rows after its own newest (`GET /api/standby/reports?after=N`,
 * a page at a time) on requests of its own.
 */
import { z } from 'zod';
import type { ProofOfPlayLog } from '../brand/proof-of-play';
import { StoredPlaySchema } from '../brand/proof-of-play';
import { CopyRounds, getFromActive } from './standby-fetch';

/** Rows a page: a page is at most a few MB (a snapshot PNG is up to a few hundred KB). */
export const REPORTS_PAGE = 16;

export const ReportsPage = z.strictObject({ rows: z.array(StoredPlaySchema).max(REPORTS_PAGE) });

export interface ReportCopierOptions {
  url: string;
  key: string;
  /** The backup's own proof-of-play log. */
  log: ProofOfPlayLog;
  warn: (message: string) => void;
}

export class ReportCopier extends CopyRounds {
  private newestThere = 0;
  /** Rows up to here are copied (or found here). */
  private cursor: number | undefined;

  constructor(private readonly o: ReportCopierOptions) {
    super();
  }

  /** The active controller's newest row id, as the stream said it. */
  newest(id: number): void {
    this.newestThere = Math.max(this.newestThere, id);
    this.kick();
  }

  protected async round(): Promise<'done' | 'failed'> {
    // The first time, the last page this controller has is looked at again: a row it
    // recorded as the active controller just before it lost that role may be another play
    // than the one its new active controller holds under the same id (said, not hidden).
    let after = (this.cursor ??= Math.max(0, this.o.log.newestId() - REPORTS_PAGE));
    while (!this.stopped && after < this.newestThere) {
      let rows: z.infer<typeof ReportsPage>['rows'];
      try {
        const parsed = ReportsPage.safeParse(JSON.parse((await getFromActive(this.o.url, `api/standby/reports?after=${after}`, this.o.key)).toString('utf8')));
        if (!parsed.success) throw new Error(`the rows do not read: ${parsed.error.issues[0]?.message ?? 'unknown'}`);
        rows = parsed.data.rows;
      } catch (err) {
        this.o.warn(`could not copy proof-of-play rows after ${after} from the active controller: ${err instanceof Error ? err.message : String(err)}; trying again in ${CopyRounds.RETRY_MS / 1000} s`);
        return 'failed';
      }
      if (rows.length === 0) return 'done';
      for (const row of rows) {
        if (this.o.log.copy(row) === 'differs') {
          this.o.warn(`proof-of-play row ${row.id} here is another play than the active controller's row ${row.id} (${row.sequence_id} at ${row.actual_start}); this one is kept`);
        }
        after = Math.max(after, row.id);
      }
      this.cursor = after;
    }
    return 'done';
  }
}
