import { describe, expect, it } from 'vitest';
import { runtimeRecord } from '../live/runtime-file';
import { encodeFollow, parseFollowLine } from './follow-messages';

describe('follow messages', () => {
  it('round-trips every kind', () => {
    const state = runtimeRecord('demo', null, { rev: 3, band: { seqReserved: 96, epochWallMs: 1000 } }, 5000);
    for (const m of [
      { t: 'hello', controllerId: 7, epoch: 2, url: 'http://127.0.0.1:4300/' },
      { t: 'file', path: 'shows/demo.json', content: '{}' },
      { t: 'file', path: 'accounts.json', content: null },
      { t: 'state', state },
      { t: 'band', band: { seqReserved: 192, epochWallMs: 1000 } },
      { t: 'beat', wallMs: 1, rev: 3 },
    ] as const) {
      expect(parseFollowLine(encodeFollow(m).trim())).toEqual({ ok: true, message: m });
    }
  });

  it('refuses what does not belong, naming the field', () => {
    expect(parseFollowLine('{"t":"file","path":"../../etc/passwd","content":"x"}')).toMatchObject({ ok: false, error: expect.stringMatching(/^follow line: path/) });
    expect(parseFollowLine('{"t":"beat","wallMs":1}')).toMatchObject({ ok: false, error: expect.stringMatching(/rev/) });
    expect(parseFollowLine('{"t":"state","state":{"version":2}}')).toMatchObject({ ok: false, error: expect.stringMatching(/^follow line state: /) });
    expect(parseFollowLine('not json')).toEqual({ ok: false, error: 'a follow line is not JSON' });
  });
});
