import { describe, expect, it } from 'vitest';
import { foreignOrigin } from './same-origin';

describe('foreignOrigin', () => {
  it("passes the controller's own origin and requests naming none", () => {
    expect(foreignOrigin({ host: '127.0.0.1:4300', origin: 'http://127.0.0.1:4300' })).toBeUndefined();
    expect(foreignOrigin({ host: 'Show.local:443', origin: 'https://show.local:443' })).toBeUndefined();
    expect(foreignOrigin({ host: '127.0.0.1:4300' })).toBeUndefined();
  });

  it('names another site, another port, a null origin and garbage', () => {
    expect(foreignOrigin({ host: '127.0.0.1:4300', origin: 'http://evil.example' })).toBe('http://evil.example');
    expect(foreignOrigin({ host: '127.0.0.1:4300', origin: 'http://127.0.0.1:4301' })).toBe('http://127.0.0.1:4301');
    expect(foreignOrigin({ host: '127.0.0.1:4300', origin: 'null' })).toBe('null');
    expect(foreignOrigin({ host: '127.0.0.1:4300', origin: 'not a url' })).toBe('not a url');
  });
});
