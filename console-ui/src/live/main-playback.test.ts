import type { PlaybackState } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { mainPlayback } from './main-playback';

const pb = (cueList: string): PlaybackState => ({
  cueList,
  name: cueList,
  running: false,
  paused: false,
  positionMs: 0,
  current: null,
  next: null,
  cueProgress: 0,
  followInMs: null,
  level: 255,
  priority: 0,
});

describe('main playback', () => {
  it('is the selected one while the show has it, else the first', () => {
    const list = [pb('intro'), pb('songs')];
    expect(mainPlayback(list, 'songs')?.cueList).toBe('songs');
    expect(mainPlayback(list, null)?.cueList).toBe('intro');
    expect(mainPlayback(list, 'gone')?.cueList).toBe('intro');
    expect(mainPlayback([], 'songs')).toBeNull();
  });
});
