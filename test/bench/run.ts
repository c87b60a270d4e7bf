/**
 * `npm run bench`: runs every `*.bench.ts` in this folder (or those named on the
 * command line), prints each as a table and writes bench-results/<name>.json.
 * Benchmarks measure; nothing here passes or fails on a time.
 */
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BenchResult } from './types';

const here = dirname(fileURLToPath(import.meta.url));
const outDir = resolve(here, '../../bench-results');

function printTable(result: BenchResult): void {
  process.stdout.write(`\n## ${result.name}\n`);
  if (result.rows.length > 0) {
    const cols = [...new Set(result.rows.flatMap((r) => Object.keys(r)))];
    const cell = (v: string | number | undefined) =>
      v === undefined ? '' : typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(3)) : v;
    const widths = cols.map((c) => Math.max(c.length, ...result.rows.map((r) => cell(r[c]).length)));
    const line = (vals: string[]) => '| ' + vals.map((v, i) => v.padEnd(widths[i])).join(' | ') + ' |';
    process.stdout.write(line(cols) + '\n');
    process.stdout.write('|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|\n');
    for (const r of result.rows) process.stdout.write(line(cols.map((c) => cell(r[c]))) + '\n');
  }
  for (const n of result.notes ?? []) process.stdout.write(`- ${n}\n`);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2);
  const files = (await readdir(here))
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => wanted.length === 0 || wanted.some((w) => f.includes(w)))
    .sort();
  await mkdir(outDir, { recursive: true });
  const all: BenchResult[] = [];
  for (const file of files) {
    process.stdout.write(`running ${file} ...\n`);
    const mod = (await import(pathToFileURL(join(here, file)).href)) as { bench: () => Promise<BenchResult | BenchResult[]> };
    const results = [await mod.bench()].flat();
    for (const result of results) {
      printTable(result);
      all.push(result);
      const slug = result.name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
      await writeFile(join(outDir, `${slug}.json`), JSON.stringify({ ...result, at: new Date().toISOString() }, null, 2));
    }
  }
  await writeFile(join(outDir, 'all.json'), JSON.stringify(all, null, 2));
  process.stdout.write(`\nwrote ${all.length} result(s) to ${outDir}\n`);
}

await main();
