/**
 * Child process of hostile.bench: loads a show of N cues the way the server
 * does (parse, checkShow, ShowSession, start, GO, 2 s of play) and prints each
 * stage's time and the process RSS after it, as one JSON line. A fresh process
 * per size, so RSS is that show's alone.
 */
import { parseShow } from '@crowdcue/protocol';
import { ShowSession, showProblems } from '@crowdcue/controller';
import { bigShowInput } from '../../../controller/src/show/big-show.test-util';

const n = Number(process.argv[2]);
const rssMb = () => Math.round(process.memoryUsage().rss / 1e6);
const out: Record<string, number> = { cues: n, rssStartMb: rssMb() };
let t = performance.now();
const lap = (name: string) => {
  const now = performance.now();
  out[`${name}Ms`] = Math.round(now - t);
  out[`${name}RssMb`] = rssMb();
  t = now;
};
const text = JSON.stringify(bigShowInput(n));
out.fileMb = Math.round((text.length / 1e6) * 10) / 10;
t = performance.now();
const parsed = parseShow(JSON.parse(text));
if (!parsed.ok) throw new Error(parsed.errors.slice(0, 3).map((e) => `${e.path}: ${e.message}`).join('; '));
lap('parse');
const problems = showProblems(parsed.value);
if (problems.length > 0) throw new Error(`check: ${problems[0].path}: ${problems[0].message}`);
lap('check');
const session = new ShowSession({ show: parsed.value });
lap('session');
await session.start();
session.go();
lap('go');
await new Promise((r) => setTimeout(r, 2000));
out.playRssMb = rssMb();
await session.stop();
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(0);
