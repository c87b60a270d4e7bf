/**
 * Child process of hostile.bench: floods a controller from outside its
 * process, so the bench's loop delay is the server's own, not the flooding
 * client's. Prints one JSON line: how many requests got which answer.
 *
 *   flood.ts login URL N           N logins with a wrong password, all at once
 *   flood.ts go URL COOKIE N       N GOs over one console socket, all at once
 */
import { openConsoleSocket, sendCommand, whenConnected } from '../../../controller/src/server/console-socket.test-util';

const [mode, url, ...rest] = process.argv.slice(2);
const answers = new Map<string, number>();
const count = (key: string) => answers.set(key, (answers.get(key) ?? 0) + 1);
const t0 = performance.now();

if (mode === 'login') {
  const n = Number(rest[0]);
  await Promise.all(
    Array.from({ length: n }, async (_, i) => {
      const res = await fetch(new URL('/api/login', url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: i % 2 === 0 ? 'admin' : `nobody${i}`, password: 'wrong-password-here' }),
      }).catch(() => undefined);
      count(String(res?.status ?? 'error'));
    }),
  );
} else if (mode === 'go') {
  const [cookie, n] = [rest[0]!, Number(rest[1])];
  const socket = openConsoleSocket(url!, { cookie });
  await whenConnected(socket);
  await Promise.all(Array.from({ length: n }, async () => count((await sendCommand(socket, 'go', {})).ok ? 'ok' : 'refused')));
  socket.close();
} else throw new Error(`flood.ts: unknown mode '${mode}'`);

process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - t0), ...Object.fromEntries(answers) }) + '\n');
process.exit(0);
