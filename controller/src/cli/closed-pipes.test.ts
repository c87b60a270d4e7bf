import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { lineWriter } from './closed-pipes';

function pipeEnd() {
  const stream = new PassThrough();
  const got: string[] = [];
  stream.on('data', (b: Buffer) => got.push(b.toString()));
  return { stream: stream as unknown as NodeJS.WriteStream, raw: stream, got };
}

describe('lineWriter', () => {
  it('writes lines, and after EPIPE drops them instead of crashing', () => {
    const { stream, raw, got } = pipeEnd();
    const out = lineWriter(stream);
    out('one');
    raw.emit('error', Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
    expect(() => out('two')).not.toThrow();
    expect(got.join('')).toBe('one\n');
  });

  it('does not hide other stream errors', () => {
    const { stream, raw } = pipeEnd();
    lineWriter(stream);
    expect(() => raw.emit('error', Object.assign(new Error('no space'), { code: 'ENOSPC' }))).toThrow(/no space/);
  });
});
