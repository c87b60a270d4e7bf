/**
 * Writes the crowd's fixture profile (Open Fixture Library JSON) and the
 * personality table in docs/desk-input.md from the personality in
 * @crowdcue/protocol. Run after changing the personality:
 * `npx tsx controller/scripts/write-desk-profile.ts`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { deskFixtureProfileText } from '../src/inputs/desk/fixture-profile';
import { withPersonality } from '../src/inputs/desk/personality-doc';

const profile = new URL('../fixtures/crowdcue/crowd-wristbands.json', import.meta.url);
const doc = new URL('../docs/desk-input.md', import.meta.url);

await writeFile(profile, deskFixtureProfileText());
await writeFile(doc, withPersonality(await readFile(doc, 'utf8')));
process.stdout.write(`wrote ${profile.pathname} and ${doc.pathname}\n`);
