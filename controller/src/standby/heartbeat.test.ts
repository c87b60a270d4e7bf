import { spawn } from 'node:child_process';
import { createServer, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Watchdog } from './heartbeat';

/** Blocks this process's loop (a stall: a GC pause, a long start-up step). */
function stall(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    /* busy */
  }
}

const closers: Array<() => void> = [];
afterEach(() => {
  for (const c of closers.splice(0)) c();
});

describe('Watchdog', () => {
  it('fires once after the silence', async () => {
    const fired: number[] = [];
    const w = new Watchdog(100, (silent) => fired.push(silent));
    w.beat();
    await new Promise((r) => setTimeout(r, 400));
    expect(fired).toHaveLength(1);
    expect(fired[0]).toBeGreaterThanOrEqual(100);
  });

  it('reads heartbeats that arrived during a stall of this process before it decides', async () => {
    // Another process keeps beating over a socket while this process's loop is blocked past
    // the limit: the timer is due first, but the beats waiting unread mean the other side is alive.
    const server = createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    closers.push(() => server.close());
    const accepted = new Promise<Socket>((r) => server.once('connection', r));
    const port = (server.address() as { port: number }).port;
    const peer = spawn(process.execPath, ['-e', `const s=require('net').connect(${port},'127.0.0.1');setInterval(()=>s.write('b'),20);s.on('error',()=>process.exit())`], { stdio: 'ignore' });
    closers.push(() => peer.kill('SIGKILL'));
    const side = await accepted;
    closers.push(() => side.destroy());
    const fired: number[] = [];
    const w = new Watchdog(100, (silent) => fired.push(silent));
    closers.push(() => w.stop());
    side.on('data', () => w.beat());
    await new Promise<void>((r) => side.once('data', () => r()));
    stall(400);
    await new Promise((r) => setTimeout(r, 60));
    expect(fired).toEqual([]);
  });
});
