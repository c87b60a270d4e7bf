/** One benchmark's figures: a table of rows, printed and written as JSON. */
export interface BenchResult {
  name: string;
  rows: Array<Record<string, string | number>>;
  notes?: string[];
}

export type Bench = () => Promise<BenchResult>;
