import { describe, expect, it } from 'vitest';
import { parseShow } from '../parse-show';
import { OscInputSchema } from './osc';
import exampleShow from '../../../test-data/example-show.json';

describe('inputs.osc in a show', () => {
  it('fills defaults: port 8000, loopback only, feedback on', () => {
    expect(OscInputSchema.parse({})).toEqual({ enabled: true, port: 8000, allow: ['127.0.0.1'], feedback: { enabled: true, maxSubscribers: 16 } });
  });

  it('takes addresses and CIDR blocks of both families', () => {
    const r = OscInputSchema.safeParse({ port: 9000, allow: ['10.0.0.7', '192.168.1.0/24', '::1', 'fe80::/10'] });
    expect(r.success).toBe(true);
  });

  it('refuses a bad address and a port out of range, naming the field', () => {
    const r = parseShow({ ...exampleShow, inputs: { osc: { port: 80, allow: ['10.0.0.300', 'stage-left'] } } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const paths = r.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(['inputs.osc.port', 'inputs.osc.allow[0]', 'inputs.osc.allow[1]']));
    expect(r.errors.find((e) => e.path === 'inputs.osc.allow[1]')?.message).toMatch(/IPv4 or IPv6 address, or a CIDR block/);
  });

  it('refuses an unknown input', () => {
    const r = parseShow({ ...exampleShow, inputs: { midi: {} } });
    expect(r.ok).toBe(false);
  });
});
