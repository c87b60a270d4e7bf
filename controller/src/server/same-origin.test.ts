import { describe, expect, it } from 'vitest';
import { foreignOrigin, trustedOrigins } from './same-origin';

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

  it('passes a trusted origin (a console behind a reverse proxy), spelled as browsers send it', () => {
    const t = trustedOrigins(['https://Console.Example.com/', 'http://10.0.0.5:8080']);
    if (!t.ok) throw new Error(t.error);
    expect([...t.origins]).toEqual(['https://console.example.com', 'http://10.0.0.5:8080']);
    expect(foreignOrigin({ host: '127.0.0.1:4300', origin: 'https://console.example.com' }, t.origins)).toBeUndefined();
    expect(foreignOrigin({ host: '127.0.0.1:4300', origin: 'https://console.example.com:443' }, t.origins)).toBeUndefined();
    expect(foreignOrigin({ host: '127.0.0.1:4300', origin: 'http://console.example.com' }, t.origins)).toBe('http://console.example.com');
    expect(foreignOrigin({ host: '127.0.0.1:4300', origin: 'http://evil.example' }, t.origins)).toBe('http://evil.example');
  });

  it('refuses a trusted origin that is not one, naming it', () => {
    for (const bad of ['console.example.com', 'ftp://x.example', 'https://x.example/path', 'https://u:p@x.example', 'null']) {
      expect(trustedOrigins([bad])).toEqual({ ok: false, error: expect.stringContaining(`got '${bad}'`) });
    }
  });
});
