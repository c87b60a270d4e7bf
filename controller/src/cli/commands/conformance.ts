/**
 * `crowdcue conformance FILE`: runs a vectors file against this
 * implementation and prints one line per case. The band section runs on the
 * simulator's band model when the simulator provides one.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { VectorsFileError, runVectors, type BandScenarioRunner } from '@crowdcue/protocol';
import type { CliIO, CommandRun } from '../main';

const USAGE = `usage: crowdcue conformance FILE

Runs every section of a vectors file (the format of the protocol package's
test-data/vectors.json: crc16_check, cobs, ccl, ccb, band, xyloband, pixmob) and prints
one line per case, "ok section/name" or "FAIL section/name detail", then
"N passed, N failed". Band cases run on the simulator's band model.

Exit status: 0 when every case passed, 1 when any failed, 2 when the file
cannot be read or is not a vectors file.`;

// A variable specifier keeps the simulator an optional, late-bound dependency.
const SIMULATOR = '@crowdcue/simulator';

/** The simulator's band model, when the simulator package provides one. */
async function loadBandRunner(io: CliIO): Promise<BandScenarioRunner | undefined> {
  let sim: Record<string, unknown>;
  try {
    sim = (await import(SIMULATOR)) as Record<string, unknown>;
  } catch (e) {
    io.err(`crowdcue conformance: note: ${SIMULATOR} could not be loaded (${e instanceof Error ? e.message : String(e)})`);
    return undefined;
  }
  const runBandScenario = sim.runBandScenario;
  if (typeof runBandScenario !== 'function') return undefined;
  return (scenario) => (runBandScenario as BandScenarioRunner)(scenario);
}

function fail(io: CliIO, message: string): number {
  io.err(`crowdcue conformance: ${message}`);
  return 2;
}

export const run: CommandRun = async (argv, io) => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: { help: { type: 'boolean', short: 'h', default: false } } });
  } catch (e) {
    return fail(io, `${e instanceof Error ? e.message : String(e)}\n\n${USAGE}`);
  }
  if (parsed.values.help) {
    io.out(USAGE);
    return 0;
  }
  if (parsed.positionals.length !== 1) return fail(io, `give exactly one FILE\n\n${USAGE}`);
  const [path] = parsed.positionals;

  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return fail(io, `cannot read ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch (e) {
    return fail(io, `${path} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
  }

  const hasBand = typeof file === 'object' && file !== null && 'band' in file;
  const band = hasBand ? await loadBandRunner(io) : undefined;
  let cases;
  try {
    cases = runVectors(file, { band });
  } catch (e) {
    if (e instanceof VectorsFileError) return fail(io, `${path}: ${e.message}`);
    throw e;
  }
  let passed = 0;
  for (const c of cases) {
    if (c.ok) passed++;
    io.out(`${c.ok ? 'ok' : 'FAIL'} ${c.section}/${c.name}${c.detail ? ` ${c.detail}` : ''}`);
  }
  const failed = cases.length - passed;
  io.out(`${passed} passed, ${failed} failed`);
  return failed > 0 ? 1 : 0;
};
