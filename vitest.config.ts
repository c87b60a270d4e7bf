import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * Three kinds of test file, for a suite that stays short on a 2-core machine:
 *
 * - `alone`: files that drive Chromium, real child processes, pseudo-terminals or a
 *   heartbeat's timing, and files that put a show on the air in real time (a show
 *   session, a live runtime, a controller server, a transmitter) run one at a time,
 *   after the rest, each in a fresh process: a second test file beside them, or what an
 *   earlier one left running, would be measured as their lateness.
 * - `mocked`: files that replace a module (`vi.mock`) get a fresh module graph each, or
 *   the mock would not reach a module another file loaded first.
 * - `unit`: everything else, two files at a time in one shared module graph (most of a
 *   small file's time is loading the workspace's modules: once is enough).
 *
 * The last two kinds are told by what a file says, so a new test file lands in its kind.
 */
const ALONE = [
  'test/e2e/**/*.test.ts',
  'controller/src/cli/commands/simulate.test.ts',
  'controller/src/cli/commands/start-process.test.ts',
  'controller/src/live/live-restart.test.ts',
  'controller/src/standby/heartbeat.test.ts',
  'simulator/src/virtual-transmitter/serial-device.test.ts',
];
const EXCLUDE = ['**/node_modules/**', '**/dist/**'];
const TEST_FILE = /\.test\.tsx?$/;

function testFiles(dir: string, into: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) testFiles(path, into);
    else if (TEST_FILE.test(entry.name)) into.push(path);
  }
  return into;
}

const ROOT = fileURLToPath(new URL('.', import.meta.url));
const FILES = testFiles(ROOT)
  .map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }))
  .filter((f) => !f.path.startsWith('test/e2e/'));
const MOCKED = FILES.filter((f) => /\bvi\.(mock|doMock)\(/.test(f.text)).map((f) => f.path);
const ON_AIR = FILES.filter((f) => !MOCKED.includes(f.path) && /\b(new ShowSession|startControllerServer|new LiveShowRuntime|openTransmitter)\(/.test(f.text)).map((f) => f.path);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    reporters: ['default', './test/summary-reporter.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts', '**/*.test.tsx'],
          exclude: [...EXCLUDE, ...ALONE, ...ON_AIR, ...MOCKED],
          maxWorkers: 2,
          isolate: false,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'mocked',
          include: MOCKED.length > 0 ? MOCKED : ['(none)'],
          exclude: EXCLUDE,
          maxWorkers: 2,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'alone',
          include: [...ALONE, ...ON_AIR],
          exclude: EXCLUDE,
          maxWorkers: 1,
          // Each in a fresh process: what an earlier file left running would be measured as lateness.
          isolate: true,
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
