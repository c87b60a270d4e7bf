/**
 * Child process of hostile.bench: floods a controller from outside its
 * process, so the bench's loop delay is the server's own, not the flooding
 * client's. Prints one JSON line: how many requests got which answer.
 *
 *   flood.ts login URL N           N logins with a wrong password, all at once
 *   flood.ts go URL COOKIE N       N GOs over one console socket, all at once
 *   flood.ts send METHOD URL COOKIE FILE   one request with FILE as its JSON body
 */
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { openConsoleSocket, sendCommand, whenConnected } from '../../../controller/src/server/console-socket.test-util';

const [mode, url, ...rest] = process.argv.slice(2);
const answers = new Map<string, number>();
const count = (key: string) => answers.set(key, (answers.get(key) ?? 0) + 1);
let t0 = 0;

/** Says `ready`, then waits for the bench's word to start. */
async function ready(): Promise<void> {
  process.stdout.write('ready\n');
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  t0 = performance.now();
}

/**
 * One request with a JSON body, its answer counted by status. node:http rather
 * than fetch: a connection the server closes at accept must end as a 'closed'
 * answer, and undici can leave such a promise unsettled.
 */
function send(method: string, target: URL, body: string | Buffer, headers: Record<string, string> = {}): Promise<void> {
  return new Promise<void>((resolve) => {
    const req = request(target, { method, agent: false, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), ...headers } }, (res) => {
      res.resume();
      res.on('end', () => {
        count(String(res.statusCode));
        resolve();
      });
    });
    req.on('error', () => {
      count('closed');
      resolve();
    });
    req.end(body);
  });
}

if (mode === 'login') {
  const n = Number(rest[0]);
  await ready();
  await Promise.all(
    Array.from({ length: n }, (_, i) =>
      send('POST', new URL('/api/login', url), JSON.stringify({ username: i % 2 === 0 ? 'admin' : `nobody${i}`, password: 'wrong-password-here' })),
    ),
  );
} else if (mode === 'go') {
  const [cookie, n] = [rest[0]!, Number(rest[1])];
  const socket = openConsoleSocket(url!, { cookie });
  await whenConnected(socket);
  await ready();
  await Promise.all(Array.from({ length: n }, async () => count((await sendCommand(socket, 'go', {})).ok ? 'ok' : 'refused')));
  socket.close();
} else if (mode === 'send') {
  // Here url is the method: send METHOD URL COOKIE FILE.
  const [target, cookie, file] = rest as [string, string, string];
  const body = readFileSync(file);
  await ready();
  await send(url!, new URL(target), body, { cookie });
} else throw new Error(`flood.ts: unknown mode '${mode}'`);

process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - t0), ...Object.fromEntries(answers) }) + '\n');
process.exit(0);
