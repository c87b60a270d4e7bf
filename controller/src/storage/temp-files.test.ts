import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeJsonAtomic } from './atomic-json';
import { isTempFileName, sweepTempFiles } from './temp-files';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-temp-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('temp files of atomic writes', () => {
  it('sweeps the orphans a crash left, in the data dir and below, and nothing else', async () => {
    await mkdir(join(dir, 'shows'));
    await writeFile(join(dir, 'runtime.json'), '{}');
    await writeFile(join(dir, 'runtime.json.3194819273'), '{"half');
    await writeFile(join(dir, 'accounts.json.17'), '');
    await writeFile(join(dir, 'shows', 'demo.json'), '{}');
    await writeFile(join(dir, 'shows', 'demo.json.bak'), '{}');
    await writeFile(join(dir, 'shows', 'demo.json.42'), '{');
    expect(await sweepTempFiles(dir)).toEqual(['accounts.json.17', 'runtime.json.3194819273', join('shows', 'demo.json.42')]);
    expect((await readdir(dir, { recursive: true })).sort()).toEqual(['runtime.json', 'shows', join('shows', 'demo.json'), join('shows', 'demo.json.bak')]);
    expect(await sweepTempFiles(join(dir, 'missing'))).toEqual([]);
  });

  it('a failed write leaves no temp file behind', async () => {
    // The target is a directory: the rename at the end of the write fails.
    await mkdir(join(dir, 'runtime.json'));
    await expect(writeJsonAtomic(join(dir, 'runtime.json'), { x: 1 })).rejects.toThrow();
    expect((await readdir(dir)).filter(isTempFileName)).toEqual([]);
  });
});
