/**
 * One colour per zone, far apart on the colour wheel (golden angle), bright
 * enough to read on a dark stage screen. Used by the zone grid and the seat map.
 */
type Rgb = [number, number, number];

function hslToRgb(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

export function zoneColour(zone: number): Rgb {
  return hslToRgb((zone * 137.508) % 360, 0.7, 0.55);
}

export const cssRgb = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
