import { describe, expect, it } from 'vitest';
import { approvalRows, approvalStatus, preloadText, zonesText, type ApprovalView } from './approval-rows';

const row = (show: string, id: string, opts: { approved?: boolean; scheduled?: boolean; brand?: string } = {}): ApprovalView => ({
  show,
  sequence: {
    id,
    name: id,
    brand: opts.brand ?? 'acme',
    approved: opts.approved ?? false,
    steps: [{ kind: 'hold', duration: 1000 }],
    ...(opts.scheduled === false ? {} : { schedule: { showTime: 1000 } }),
  } as ApprovalView['sequence'],
  durationMs: 1000,
  slot: opts.scheduled === false ? null : 'show time 1 s to 2 s',
  zones: [],
  preload: null,
  warnings: [],
});

describe('approval rows', () => {
  const list = [row('demo', 'a-ok', { approved: true }), row('other', 'b-wait'), row('demo', 'c-noslot', { scheduled: false }), row('demo', 'd-wait', { brand: 'globex' })];

  it('keeps to the live and open shows, waiting first, then no slot, then approved', () => {
    expect(approvalRows(list, { live: 'demo', open: null }, 'current').map((v) => v.sequence.id)).toEqual(['d-wait', 'c-noslot', 'a-ok']);
    expect(approvalRows(list, { live: 'demo', open: 'other' }, 'current').map((v) => v.sequence.id)).toEqual(['d-wait', 'b-wait', 'c-noslot', 'a-ok']);
  });

  it('lists every show when asked or when no show is live or open', () => {
    expect(approvalRows(list, { live: 'demo', open: null }, 'all')).toHaveLength(4);
    expect(approvalRows(list, { live: null, open: null }, 'current')).toHaveLength(4);
    expect(list.map((v) => v.sequence.id)).toEqual(['a-ok', 'b-wait', 'c-noslot', 'd-wait']);
  });

  it('names the status', () => {
    expect(list.map(approvalStatus)).toEqual(['approved', 'awaiting', 'no-slot', 'awaiting']);
  });

  it('folds zone runs', () => {
    expect(zonesText([0, 1, 2, 3, 7, 9, 10])).toBe('0–3, 7, 9–10');
    expect(zonesText([5])).toBe('5');
    expect(zonesText([])).toBe('none');
  });

  it('says whether the preload fits the slot', () => {
    const p = { copies: 60, rounds: 2, leadMs: 4200, transmitters: [], feasible: true as boolean | null, shortByMs: 0 };
    expect(preloadText(p)).toEqual({ text: '60 packets, 2 rounds, 4.2 s lead · fits', tone: 'ok' });
    expect(preloadText({ ...p, feasible: false, shortByMs: 1500 })).toMatchObject({ text: expect.stringMatching(/1\.5 s too late$/), tone: 'bad' });
    expect(preloadText({ ...p, feasible: null }).tone).toBe('warn');
    expect(preloadText(null).tone).toBe('none');
  });
});
