import { mkdir, mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { consoleStaleReason } from './console-build';

let root: string;
let consoleDir: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'crowdcue-console-build-'));
  consoleDir = join(root, 'console-ui');
  await mkdir(join(consoleDir, 'src'), { recursive: true });
  await writeFile(join(consoleDir, 'src', 'main.tsx'), 'x');
  await writeFile(join(consoleDir, 'index.html'), 'x');
});
afterEach(() => rm(root, { recursive: true, force: true }));

const at = (path: string, secondsAgo: number) => utimes(path, new Date(Date.now() - secondsAgo * 1000), new Date(Date.now() - secondsAgo * 1000));

describe('consoleStaleReason', () => {
  it('wants a build when there is no dist', async () => {
    expect(await consoleStaleReason(consoleDir)).toMatch(/missing/);
  });

  it('is content with a dist newer than every source, and wants one after a source changes', async () => {
    await mkdir(join(consoleDir, 'dist'));
    await at(join(consoleDir, 'src', 'main.tsx'), 60);
    await at(join(consoleDir, 'index.html'), 60);
    await writeFile(join(consoleDir, 'dist', 'index.html'), 'built');
    expect(await consoleStaleReason(consoleDir)).toBeNull();
    await writeFile(join(consoleDir, 'src', 'main.tsx'), 'changed');
    await at(join(consoleDir, 'dist', 'index.html'), 30);
    expect(await consoleStaleReason(consoleDir)).toMatch(/changed/);
  });

  it('ignores test files', async () => {
    await mkdir(join(consoleDir, 'dist'));
    await at(join(consoleDir, 'src', 'main.tsx'), 60);
    await at(join(consoleDir, 'index.html'), 60);
    await writeFile(join(consoleDir, 'dist', 'index.html'), 'built');
    await writeFile(join(consoleDir, 'src', 'thing.test.ts'), 'new test');
    await at(join(consoleDir, 'dist', 'index.html'), 30);
    expect(await consoleStaleReason(consoleDir)).toBeNull();
  });
});
