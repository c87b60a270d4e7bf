/**
 * The Open Fixture Library profile of the crowd, made from the personality
 * table (`@crowdcue/protocol`), one mode per zone count: what a desk imports
 * so the operator patches the crowd like any fixture. The shipped file
 * (`controller/fixtures/crowdcue/crowd-wristbands.json`) must equal what this
 * makes (a test says so); `npx tsx controller/scripts/write-desk-profile.ts`
 * writes it and the docs table again.
 */
import {
  DESK_CONTROL_CHANNELS,
  DESK_EFFECTS,
  DESK_ON,
  DESK_PERIOD_FASTEST_MS,
  DESK_PERIOD_SLOWEST_MS,
  DESK_PROFILE_MODES,
  DESK_ZONE_CHANNELS,
  type DeskControlChannel,
  type DeskZoneChannel,
} from '@crowdcue/protocol';

type Capability = Record<string, unknown>;
interface OflChannel {
  capability?: Capability;
  capabilities?: Capability[];
}

/** The profile's fixed dates: a profile changes when the personality does, not when it is generated. */
const PROFILE_DATE = '2026-12-04';
const hz = (ms: number) => `${Number((1000 / ms).toFixed(2))}Hz`;

function controlChannel(c: DeskControlChannel): OflChannel {
  switch (c.role) {
    case 'master':
      return { capability: { type: 'Intensity', comment: c.does } };
    case 'blackout':
      return {
        capabilities: [
          { dmxRange: [0, DESK_ON - 1], type: 'ShutterStrobe', shutterEffect: 'Open' },
          { dmxRange: [DESK_ON, 255], type: 'ShutterStrobe', shutterEffect: 'Closed', comment: 'Blackout' },
        ],
      };
    case 'go':
      return {
        capabilities: [
          { dmxRange: [0, DESK_ON - 1], type: 'NoFunction' },
          { dmxRange: [DESK_ON, 255], type: 'Generic', comment: c.does },
        ],
      };
    case 'level':
      return { capability: { type: 'Intensity', comment: c.does } };
  }
}

function zoneChannel(c: DeskZoneChannel): OflChannel {
  switch (c.role) {
    case 'intensity':
      return { capability: { type: 'Intensity' } };
    case 'red':
    case 'green':
    case 'blue':
      return { capability: { type: 'ColorIntensity', color: c.name } };
    case 'effect':
      return {
        capabilities: DESK_EFFECTS.map((e) =>
          e.shape === null
            ? { dmxRange: [e.from, e.to], type: 'NoFunction', comment: e.name }
            : { dmxRange: [e.from, e.to], type: 'Effect', effectName: e.name },
        ),
      };
    case 'speed':
      return { capability: { type: 'EffectSpeed', speedStart: hz(DESK_PERIOD_SLOWEST_MS), speedEnd: hz(DESK_PERIOD_FASTEST_MS) } };
    case 'spread':
      return { capability: { type: 'Generic', comment: `Effect ${c.does}` } };
    case 'direction':
      return { capability: { type: 'RotationAngle', angleStart: '0deg', angleEnd: '359deg', comment: 'Wave direction' } };
  }
}

export const zoneChannelName = (zone: number, c: DeskZoneChannel) => `Zone ${zone} ${c.name}`;

export function deskFixtureProfile(): Record<string, unknown> {
  const available: Record<string, OflChannel> = {};
  for (const c of DESK_CONTROL_CHANNELS) available[c.name] = controlChannel(c);
  const most = Math.max(...DESK_PROFILE_MODES);
  for (let z = 1; z <= most; z++) for (const c of DESK_ZONE_CHANNELS) available[zoneChannelName(z, c)] = zoneChannel(c);
  return {
    $schema: 'https://raw.githubusercontent.com/OpenLightingProject/open-fixture-library/master/schemas/fixture.json',
    name: 'Crowd wristbands',
    shortName: 'CrowdCue crowd',
    categories: ['Color Changer'],
    meta: { authors: ['CrowdCue'], createDate: PROFILE_DATE, lastModifyDate: PROFILE_DATE },
    comment:
      'An audience of RF LED wristbands driven by a CrowdCue controller: control channels, then 8 channels per zone. Desk zone n is venue zone n - 1. Intensity 0 (or master 0) lets the controller\'s own show through.',
    availableChannels: available,
    modes: DESK_PROFILE_MODES.map((n) => ({
      name: `${n} zones`,
      shortName: `${n}z`,
      channels: [...DESK_CONTROL_CHANNELS.map((c) => c.name), ...Array.from({ length: n }, (_, i) => DESK_ZONE_CHANNELS.map((c) => zoneChannelName(i + 1, c))).flat()],
    })),
  };
}

/** The file as shipped: two-space JSON and a final newline. */
export function deskFixtureProfileText(): string {
  return JSON.stringify(deskFixtureProfile(), null, 2) + '\n';
}
