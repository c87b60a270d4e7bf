/**
 * Durability across a real crash: the live runtime runs in a child process that
 * is killed with SIGKILL and started again on the same data directory.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { Band, type BandReceipt } from '@crowdcue/simulator';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const CHILD = join(here, 'durable-child.test-util.ts');

interface ChildEvent {
  type: 'ready' | 'packet' | 'ack';
  [key: string]: unknown;
}

class LiveChild {
  readonly events: ChildEvent[] = [];
  private readonly proc: ChildProcessWithoutNullStreams;
  private waiters: Array<() => void> = [];
  private nextId = 1;

  constructor(dataDir: string) {
    this.proc = spawn(process.execPath, ['--import', 'tsx', CHILD, dataDir], { stdio: ['pipe', 'pipe', 'pipe'] });
    createInterface({ input: this.proc.stdout }).on('line', (line) => {
      if (!line.startsWith('{')) return;
      this.events.push(JSON.parse(line) as ChildEvent);
      for (const w of this.waiters.splice(0)) w();
    });
    this.proc.stderr.resume();
  }

  async waitFor(what: string, test: (e: ChildEvent) => boolean, timeoutMs = 20_000): Promise<ChildEvent> {
    const end = Date.now() + timeoutMs;
    for (;;) {
      const found = this.events.find(test);
      if (found) return found;
      if (Date.now() > end || this.proc.exitCode !== null) throw new Error(`child: no ${what}`);
      await new Promise<void>((r) => {
        this.waiters.push(r);
        setTimeout(r, 100);
      });
    }
  }

  async command(name: string, payload: unknown): Promise<unknown> {
    const id = this.nextId++;
    this.proc.stdin.write(JSON.stringify({ id, name, payload }) + '\n');
    return (await this.waitFor(`ack ${id}`, (e) => e.type === 'ack' && e.id === id)).ack;
  }

  packets(): Array<{ rf: string; wallEndMs: number }> {
    return this.events.filter((e) => e.type === 'packet') as unknown as Array<{ rf: string; wallEndMs: number }>;
  }

  kill9(): Promise<void> {
    return new Promise((resolve) => {
      if (this.proc.exitCode !== null || this.proc.signalCode !== null) return resolve();
      this.proc.once('exit', () => resolve());
      this.proc.kill('SIGKILL');
    });
  }
}

let dir: string;
const children: LiveChild[] = [];
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'crowdcue-restart-'));
});
afterEach(async () => {
  for (const c of children.splice(0)) await c.kill9();
  await rm(dir, { recursive: true, force: true });
});

function start(): LiveChild {
  const c = new LiveChild(dir);
  children.push(c);
  return c;
}

describe('the live runtime across kill -9', () => {
  it('keeps a blackout acknowledged just before the kill', async () => {
    const first = start();
    await first.waitFor('ready', (e) => e.type === 'ready');
    expect(await first.command('go', {})).toEqual({ ok: true });
    expect(await first.command('blackout', { on: true })).toEqual({ ok: true });
    await first.kill9();

    const second = start();
    const ready = await second.waitFor('ready', (e) => e.type === 'ready');
    expect(ready.restored).toBe(true);
    expect(ready.blackout).toBe(true);
  }, 60_000);

  it('restarts so the bands take the very first packet and keep their clock', async () => {
    // A band of the test show (site 9) that heard everything the first process sent.
    const band = new Band({ site: 9, zone: 0, pixel: 0xffff, x: 0, y: 0 });
    const first = start();
    await first.waitFor('ready', (e) => e.type === 'ready');
    expect(await first.command('go', {})).toEqual({ ok: true });
    // A couple of SYNCs so the band's clock is set well away from 0.
    await first.waitFor('a few packets', () => first.packets().length >= 6);
    await new Promise((r) => setTimeout(r, 1500));
    await first.kill9();
    const heard = first.packets();
    for (const p of heard) band.receive(Buffer.from(p.rf, 'hex'), p.wallEndMs);
    const probeWall = heard[heard.length - 1].wallEndMs;
    const before = band.clockAt(probeWall);

    const second = start();
    await second.waitFor('ready', (e) => e.type === 'ready');
    await second.waitFor('packets after the restart', () => second.packets().length >= 3);
    // Copies of one packet share its seq and are meant to be dropped: judge each seq's first copy.
    const firstCopies = new Map<number, BandReceipt>();
    for (const p of second.packets()) {
      const bytes = Buffer.from(p.rf, 'hex');
      const receipt = band.receive(bytes, p.wallEndMs);
      if (!firstCopies.has(bytes[1])) firstCopies.set(bytes[1], receipt);
    }
    const receipts = [...firstCopies.values()];
    expect(receipts[0]).toBe('acted');
    expect(receipts).not.toContain('repeat');
    // The band clock after the new SYNCs still reads as if it had run on: no jump.
    const after = band.clockAt(probeWall);
    expect(Math.abs(after - before)).toBeLessThan(250);
  }, 60_000);
});
