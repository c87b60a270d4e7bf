/**
 * A short digest of a list of strings, so that zones whose timelines are the
 * same are judged once without keeping every timeline's text. Two 53-bit
 * cyrb53 hashes with different seeds (106 bits): pure, so it runs in the
 * browser as in Node (node:crypto does not), and a collision (which would
 * only skip judging one zone) is far beyond any show's size.
 */
function cyrb53(parts: readonly string[], seed: number): string {
  let h1 = 0xdeadbeef ^ seed;
  let h2 = 0x41c6ce57 ^ seed;
  for (const part of parts) {
    // A separator no JSON text ends with, so ["ab","c"] and ["a","bc"] differ.
    for (let i = 0; i <= part.length; i++) {
      const ch = i < part.length ? part.charCodeAt(i) : 0x1e;
      h1 = Math.imul(h1 ^ ch, 2654435761);
      h2 = Math.imul(h2 ^ ch, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36);
}

export function timelineDigest(parts: readonly string[]): string {
  return `${cyrb53(parts, 1)}.${cyrb53(parts, 2)}.${parts.length}`;
}
