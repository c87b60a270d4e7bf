/**
 * A pseudo-terminal pair made by `socat`: two serial-port paths wired to each
 * other, so a controller and a virtual transmitter can talk over a real tty
 * (termios, kernel buffering) without hardware.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

export interface PtyPair {
  /** The two ends, e.g. /dev/pts/5 and /dev/pts/6 (or the links asked for). */
  paths: [string, string];
  process: ChildProcess;
  /** Stops socat; both paths vanish. */
  close(): Promise<void>;
}

/** Whether `socat` can be run here. */
export function hasSocat(): boolean {
  const r = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return r.status === 0;
}

/**
 * Starts `socat -d -d pty,raw,echo=0 pty,raw,echo=0`. With `links`, each end
 * also gets that symlink path, so a pair started again later has the same
 * names (a "re-plugged" device). Rejects if socat fails or is too slow.
 */
export function openPtyPair(opts: { links?: [string, string]; timeoutMs?: number } = {}): Promise<PtyPair> {
  const end = (i: 0 | 1) => `pty,raw,echo=0${opts.links ? `,link=${opts.links[i]}` : ''}`;
  const child = spawn('socat', ['-d', '-d', end(0), end(1)], { stdio: ['ignore', 'ignore', 'pipe'] });
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  return new Promise((resolve, reject) => {
    let text = '';
    const found: string[] = [];
    const timer = setTimeout(() => {
      void close();
      reject(new Error(`socat did not report two ptys within ${opts.timeoutMs ?? 5000} ms: ${text.trim()}`));
    }, opts.timeoutMs ?? 5000);
    child.once('error', (err) => {
      clearTimeout(timer);
      reject(new Error(`cannot run socat: ${err.message}`));
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      // "... N PTY is /dev/pts/5", once per end; "starting data transfer loop" once both exist.
      for (const m of text.matchAll(/PTY is (\S+)/g)) if (!found.includes(m[1])) found.push(m[1]);
      if (found.length >= 2 && /starting data transfer loop/.test(text)) {
        clearTimeout(timer);
        child.stderr?.removeAllListeners('data');
        child.stderr?.resume();
        const paths: [string, string] = opts.links ? [opts.links[0], opts.links[1]] : [found[0], found[1]];
        resolve({ paths, process: child, close });
      }
    });
  });
}
