/**
 * What the operator tests read off the live page in Chromium: where GO,
 * BLACKOUT, master and the crowd view sit against the viewport, how far the
 * page has scrolled, the touch targets' sizes, visible text under 12 px,
 * text that pulses, and the colours of GO (for night mode).
 */
import type { Page } from 'playwright-core';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface LiveLayout {
  viewport: { width: number; height: number };
  /** Window scroll and the page container's scroll: both must stay 0. */
  scrollY: number;
  pageScrollTop: number;
  boxes: Record<string, Box | null>;
}

export const ALWAYS_ON_SCREEN = ['go', 'blackout', 'master', 'crowd-view', 'status-strip'] as const;

export function liveLayout(page: Page): Promise<LiveLayout> {
  return page.evaluate((ids) => {
    const boxes: Record<string, { x: number; y: number; width: number; height: number } | null> = {};
    for (const id of ids) {
      const el = document.querySelector(`[data-testid="${id}"]`);
      const r = el?.getBoundingClientRect();
      boxes[id] = r ? { x: r.x, y: r.y, width: r.width, height: r.height } : null;
    }
    return {
      viewport: { width: innerWidth, height: innerHeight },
      scrollY: scrollY,
      pageScrollTop: document.querySelector('main.page')?.scrollTop ?? 0,
      boxes,
    };
  }, [...ALWAYS_ON_SCREEN]);
}

export function inside(b: Box | null, v: { width: number; height: number }): boolean {
  return !!b && b.width > 0 && b.height > 0 && b.x >= 0 && b.y >= 0 && b.x + b.width <= v.width + 0.5 && b.y + b.height <= v.height + 0.5;
}

/** Controls on screen smaller than `min` px either way (a range input counts by its track's height). */
export function smallTargets(page: Page, min: number, selector: string): Promise<string[]> {
  return page.evaluate(
    ({ min, selector }) => {
      const out: string[] = [];
      for (const el of document.querySelectorAll<HTMLElement>(selector)) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (r.bottom < 0 || r.top > innerHeight || r.right < 0 || r.left > innerWidth) continue;
        if (r.width < min - 0.5 || r.height < min - 0.5) out.push(`${el.dataset.testid ?? el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 20)}" ${r.width.toFixed(0)}x${r.height.toFixed(0)}`);
      }
      return out;
    },
    { min, selector },
  );
}

/** Visible text set below `min` px, and text (or its element) animated to pulse. */
export function smallOrPulsingText(page: Page, min: number): Promise<{ small: string[]; pulsing: string[] }> {
  return page.evaluate((min) => {
    const small: string[] = [];
    const pulsing: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const el = n.parentElement;
      if (!text || !el) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) continue;
      const cs = getComputedStyle(el);
      if (cs.visibility === 'hidden' || cs.display === 'none') continue;
      if (parseFloat(cs.fontSize) < min) small.push(`${text.slice(0, 24)} (${cs.fontSize})`);
      for (let a: Element | null = el; a; a = a.parentElement) {
        if (getComputedStyle(a).animationName !== 'none') {
          pulsing.push(`${text.slice(0, 24)} (${getComputedStyle(a).animationName})`);
          break;
        }
      }
    }
    return { small, pulsing };
  }, min);
}

/** GO's computed background and text colours, as sRGB 0..255. */
export function goColours(page: Page): Promise<{ background: number[]; text: number[]; backgroundImage: string }> {
  return page.getByTestId('go').evaluate((el) => {
    const cs = getComputedStyle(el);
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).slice(0, 3).map(Number);
    return { background: rgb(cs.backgroundColor), text: rgb(cs.color), backgroundImage: cs.backgroundImage };
  });
}

/** WCAG relative luminance of an sRGB colour, 0 (black) .. 1 (white). */
export function luminance([r, g, b]: number[]): number {
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

/** HSL saturation, 0..1. */
export function saturation([r, g, b]: number[]): number {
  const max = Math.max(r, g, b) / 255;
  const min = Math.min(r, g, b) / 255;
  const l = (max + min) / 2;
  if (max === min) return 0;
  return l > 0.5 ? (max - min) / (2 - max - min) : (max - min) / (max + min);
}
