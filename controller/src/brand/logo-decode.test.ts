import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { BrandError } from './brand-error';
import { decodeLogo } from './logo-decode';
import { stripesPng } from './fixtures.test-util';

const svg = (body: string, extra = '') => new TextEncoder().encode(`<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20"${extra}>${body}</svg>`);

async function failure(p: Promise<unknown>): Promise<BrandError> {
  const err = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BrandError);
  return err as BrandError;
}

describe('decodeLogo', () => {
  it('accepts PNG, JPEG and SVG with their size', async () => {
    const png = await stripesPng([[255, 0, 0], [0, 0, 255]], 40, 20);
    expect(await decodeLogo(png)).toMatchObject({ format: 'png', width: 40, height: 20 });
    const jpeg = await sharp(png).jpeg().toBuffer();
    expect(await decodeLogo(jpeg)).toMatchObject({ format: 'jpeg', width: 40, height: 20 });
    expect(await decodeLogo(svg('<rect width="40" height="20" fill="#f00"/>'))).toMatchObject({ format: 'svg', width: 40, height: 20 });
  });

  it('says what is wrong with an upload that is not a usable image', async () => {
    expect((await failure(decodeLogo(new TextEncoder().encode('hello, not an image')))).code).toBe('NOT_AN_IMAGE');
    expect((await failure(decodeLogo(new Uint8Array(0)))).code).toBe('EMPTY_IMAGE');
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#f00' } }).gif().toBuffer();
    const unsupported = await failure(decodeLogo(gif));
    expect(unsupported).toMatchObject({ code: 'UNSUPPORTED_FORMAT', statusCode: 415 });
    expect(unsupported.message).toMatch(/gif/);
    const png = await stripesPng([[255, 0, 0]], 40, 20);
    expect(await failure(decodeLogo(png, { maxBytes: 10 }))).toMatchObject({ code: 'TOO_LARGE', statusCode: 413 });
    expect((await failure(decodeLogo(png, { maxPixels: 100 }))).code).toBe('TOO_LARGE');
    // A PNG cut short: the header reads, the pixels do not.
    expect((await failure(decodeLogo(png.subarray(0, 60)))).code).toBe('NOT_AN_IMAGE');
  });

  it('refuses an image that shows nothing', async () => {
    const clear = await sharp({ create: { width: 8, height: 8, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer();
    expect((await failure(decodeLogo(clear))).message).toMatch(/transparent/);
    expect((await failure(decodeLogo(svg('')))).code).toBe('EMPTY_IMAGE');
  });

  it('refuses SVGs that reach outside themselves', async () => {
    expect((await failure(decodeLogo(svg('<image href="file:///etc/passwd" width="10" height="10"/><rect width="4" height="4"/>')))).code).toBe('UNSAFE_SVG');
    const entity = new TextEncoder().encode('<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>');
    expect((await failure(decodeLogo(entity))).code).toBe('UNSAFE_SVG');
  });
});
