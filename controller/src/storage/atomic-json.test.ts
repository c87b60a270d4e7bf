import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupPath, encodeInTurns, writeJsonAtomic } from './atomic-json';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-atomic-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('encodeInTurns', () => {
  it('gives the bytes Buffer.from gives, with a surrogate pair across every slice boundary', async () => {
    // 256 Ki characters a slice: a run of emoji (two UTF-16 units each) puts pairs on both sides of each cut.
    const text = 'a'.repeat(256 * 1024 - 1) + '🎆'.repeat(300_000) + 'é…z';
    const bytes = await encodeInTurns(text);
    expect(bytes.equals(Buffer.from(text, 'utf8'))).toBe(true);
    expect(bytes.toString('utf8')).toBe(text);
  });
});

describe('writeJsonAtomic', () => {
  it('keeps the known-good file as its .bak byte for byte, and writes the new value as indented JSON', async () => {
    const path = join(dir, 'show.json');
    // Not how this writer would lay it out: a byte copy keeps it as it was.
    const before = '{"id":"x",  "name":"Ünïcødé 🎆"}\n';
    await writeFile(path, before);
    const value = { id: 'x', cues: Array.from({ length: 30_000 }, (_, i) => ({ id: `c${i}`, label: 'Ständchen ✨' })) };
    await writeJsonAtomic(path, value, { backup: 'known-good' });
    expect(await readFile(backupPath(path), 'utf8')).toBe(before);
    expect(await readFile(path, 'utf8')).toBe(JSON.stringify(value, null, 2) + '\n');
  });
});
