import { describe, expect, it } from 'vitest';
import { clockOf, linkReady, linkText } from './link-status';

describe('link status words', () => {
  const at = new Date(2026, 11, 4, 21, 3, 4).getTime();

  it('says since when the controller is offline, in local time', () => {
    expect(clockOf(at)).toBe('21:03:04');
    expect(linkText({ status: 'offline', offlineSince: at })).toBe('controller offline since 21:03:04');
    expect(linkText({ status: 'connecting', offlineSince: at })).toBe('controller offline since 21:03:04, reconnecting…');
  });

  it('never shows a transport reason', () => {
    for (const status of ['online', 'syncing', 'offline', 'connecting'] as const) {
      expect(linkText({ status, offlineSince: at })).not.toMatch(/io server|transport|disconnect/);
    }
  });

  it('lets the live controls act only once online with a fresh state', () => {
    expect(linkReady('online')).toBe(true);
    expect(linkReady('syncing')).toBe(false);
    expect(linkReady('offline')).toBe(false);
    expect(linkReady('connecting')).toBe(false);
  });
});
