/**
 * Checks an uploaded logo before anything keeps it: PNG, JPEG or SVG only
 * (sharp's decoders, not ours), within a byte and a pixel limit, and showing
 * something (an image that is entirely transparent, or an SVG that draws
 * nothing, would put nothing on the seats). SVGs that pull in other files or
 * declare entities are refused: the server renders them.
 */
import type { LogoFormat, LogoInfo } from '@crowdcue/protocol';
import sharp, { type Metadata } from 'sharp';
import { BrandError } from './brand-error';

export interface LogoLimits {
  /** Largest upload, bytes; default 2 MiB. */
  maxBytes?: number;
  /** Largest decoded size, width x height; default 25 megapixels. */
  maxPixels?: number;
}

export const DEFAULT_LOGO_LIMITS: Required<LogoLimits> = { maxBytes: 2 * 1024 * 1024, maxPixels: 25_000_000 };

const FORMATS: readonly LogoFormat[] = ['png', 'jpeg', 'svg'];

/** References an SVG may carry: only same-document (#id) and inline data: URLs. */
const EXTERNAL_REF = /(?:xlink:)?href\s*=\s*["']\s*(?!#|data:)[^"']*["']/i;

export async function decodeLogo(bytes: Uint8Array, limits: LogoLimits = {}): Promise<LogoInfo> {
  const { maxBytes, maxPixels } = { ...DEFAULT_LOGO_LIMITS, ...limits };
  if (bytes.length === 0) throw new BrandError('EMPTY_IMAGE', 'the upload is empty', 'file');
  if (bytes.length > maxBytes) {
    throw new BrandError('TOO_LARGE', `the logo is ${bytes.length} bytes; at most ${maxBytes} bytes are accepted`, 'file');
  }
  let meta: Metadata;
  try {
    meta = await sharp(bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw new BrandError('NOT_AN_IMAGE', 'the upload is not an image (PNG, JPEG or SVG expected)', 'file');
  }
  const format = meta.format as string | undefined;
  if (!format || !(FORMATS as readonly string[]).includes(format)) {
    throw new BrandError('UNSUPPORTED_FORMAT', `a ${format ?? 'unknown'} image is not accepted; upload PNG, JPEG or SVG`, 'file');
  }
  if (format === 'svg') {
    const text = new TextDecoder().decode(bytes);
    if (/<!ENTITY/i.test(text)) throw new BrandError('UNSAFE_SVG', 'the SVG declares entities; remove the DOCTYPE and upload again', 'file');
    if (EXTERNAL_REF.test(text)) throw new BrandError('UNSAFE_SVG', 'the SVG links to other files; embed images as data: URLs', 'file');
  }
  const width = meta.width ?? 0;
  const height = meta.height ?? 0;
  if (width < 1 || height < 1) throw new BrandError('EMPTY_IMAGE', 'the image has no size', 'file');
  if (width * height > maxPixels) {
    throw new BrandError('TOO_LARGE', `the image is ${width} x ${height} pixels; at most ${maxPixels} pixels are accepted`, 'file');
  }
  // Render it small: a decode error in the pixel data, or nothing visible, shows here.
  let alphaMax: number;
  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels })
      .resize(64, 64, { fit: 'inside' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    alphaMax = 0;
    for (let i = info.channels - 1; i < data.length; i += info.channels) if (data[i] > alphaMax) alphaMax = data[i];
  } catch {
    throw new BrandError('NOT_AN_IMAGE', `the ${format.toUpperCase()} could not be decoded (damaged file?)`, 'file');
  }
  if (alphaMax === 0) throw new BrandError('EMPTY_IMAGE', 'the image is entirely transparent: nothing to show', 'file');
  return { format: format as LogoFormat, width, height, bytes: bytes.length };
}
