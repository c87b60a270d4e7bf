import { describe, expect, it } from 'vitest';
import type { DeskInputStatus } from '@crowdcue/protocol';
import { deskStatusParts } from './desk-status-text';

const base: DeskInputStatus = {
  protocol: 'sacn',
  universe: 1,
  address: 101,
  zones: 16,
  listening: '0.0.0.0:5568, multicast 239.255.0.1',
  state: 'receiving',
  source: { name: 'grandMA3', address: '10.0.0.5', priority: 100 },
  sources: 2,
  framesPerSec: 44,
  malformed: { 'too-short': 2, 'rate-limited': 0 },
};

describe('deskStatusParts', () => {
  it('says link, source, rate and the malformed counts', () => {
    expect(deskStatusParts(base)).toEqual({
      link: 'sACN 1 @ 101',
      state: 'receiving',
      source: 'grandMA3 · 10.0.0.5 · priority 100 · 2 sources',
      fps: '44 fps',
      malformed: 'malformed: too-short 2',
    });
  });

  it('says where it listens before a desk is heard, and an error when it cannot listen', () => {
    expect(deskStatusParts({ ...base, state: 'waiting', source: null, sources: 0, malformed: {} })).toMatchObject({ source: 'no desk yet (0.0.0.0:5568, multicast 239.255.0.1)', malformed: '' });
    expect(deskStatusParts({ ...base, protocol: 'artnet', error: 'cannot listen for Art-Net on UDP port 6454: EADDRINUSE' })).toMatchObject({ link: 'Art-Net 1 @ 101', state: 'error', source: 'cannot listen for Art-Net on UDP port 6454: EADDRINUSE' });
  });
});
