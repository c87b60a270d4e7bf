import type { ShowSummary } from '@crowdcue/protocol';
import { describe, expect, it } from 'vitest';
import { lastEditedShow } from './last-edited';

const show = (id: string, savedBy: string, savedAt: string, extra: Partial<ShowSummary> = {}): ShowSummary => ({ id, name: id, revision: 1, savedAt, savedBy, ...extra });

describe('lastEditedShow', () => {
  const list = [
    show('a', 'ana', '2026-01-01T10:00:00Z'),
    show('b', 'ben', '2026-01-03T10:00:00Z'),
    show('c', 'ana', '2026-01-02T10:00:00Z'),
    show('d', '', '', { damaged: { reason: 'cut short' } }),
  ];
  it('picks the show this account saved last', () => expect(lastEditedShow(list, 'ana')).toBe('c'));
  it('falls back to the show anyone saved last', () => expect(lastEditedShow(list, 'zoe')).toBe('b'));
  it('never picks a damaged show, and answers null with nothing to open', () => {
    expect(lastEditedShow([list[3]], 'ana')).toBeNull();
    expect(lastEditedShow([], null)).toBeNull();
  });
});
