import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DESK_PROFILE_MODES, deskFootprint } from '@crowdcue/protocol';
import { deskFixtureProfile, deskFixtureProfileText } from './fixture-profile';
import { personalityMarkdown } from './personality-doc';

const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');

describe('the desk personality, generated', () => {
  it('the shipped fixture profile is what the generator makes (npx tsx controller/scripts/write-desk-profile.ts)', () => {
    expect(read('../../../fixtures/crowdcue/crowd-wristbands.json')).toBe(deskFixtureProfileText());
  });

  it('the docs carry the generated table', () => {
    expect(read('../../../docs/desk-input.md')).toContain(personalityMarkdown());
  });

  it('each mode lists the footprint of its zone count, every channel defined', () => {
    const p = deskFixtureProfile() as { modes: Array<{ channels: string[] }>; availableChannels: Record<string, unknown> };
    expect(p.modes.map((m) => m.channels.length)).toEqual(DESK_PROFILE_MODES.map(deskFootprint));
    for (const m of p.modes) for (const c of m.channels) expect(p.availableChannels[c], c).toBeDefined();
  });
});
