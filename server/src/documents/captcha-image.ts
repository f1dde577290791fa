import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface GlyphPath {
  mapPoints(fn: (x: number, y: number) => [number, number]): GlyphPath;
  toSVG(): string;
}
interface OutlineFont {
  unitsPerEm: number;
  capHeight: number;
  glyphForCodePoint(codePoint: number): { advanceWidth: number; path: GlyphPath };
}
const fontkit = require('@foliojs-fork/fontkit') as { create(data: Buffer): OutlineFont };

/** Letters and digits that cannot be mistaken for one another (no I/1/L, O/0). */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CAPTCHA_LENGTH = 5;
const WIDTH = 150;
const HEIGHT = 50;

let font: OutlineFont | null = null;

/** Noto Serif SC Bold, the font the documents embed, read once: only its Latin capitals and digits are drawn. */
function outlineFont(): OutlineFont {
  font ??= fontkit.create(
    fs.readFileSync(require.resolve('@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf')),
  );
  return font;
}

/** A random answer of CAPTCHA_LENGTH characters. */
export function newCaptchaAnswer(): string {
  return Array.from({ length: CAPTCHA_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]!).join('');
}

/** A uniform random number in [min, max). */
const between = (min: number, max: number): number => min + (randomInt(1_000_000) / 1_000_000) * (max - min);
const round = (n: number): number => Math.round(n * 10) / 10;

/**
 * The graphic captcha (图形验证码) as an SVG: each character is its glyph's outline from the font — no text,
 * so the answer is nowhere in the markup and no font is needed to show it — scaled, skewed and rotated at
 * random, then the whole line is bent by two sine waves; noise curves cross the characters and dots cover
 * the background. Every shape's geometry and colour is drawn from the system's random source.
 */
export function captchaSvg(answer: string): string {
  const f = outlineFont();
  const waveX = { amplitude: between(1.5, 3), period: between(6, 9), phase: between(0, Math.PI * 2) };
  const waveY = { amplitude: between(2, 4), period: between(10, 16), phase: between(0, Math.PI * 2) };
  const warp = (x: number, y: number): [number, number] => [
    round(x + waveX.amplitude * Math.sin(y / waveX.period + waveX.phase)),
    round(y + waveY.amplitude * Math.sin(x / waveY.period + waveY.phase)),
  ];
  const slot = (WIDTH - 16) / answer.length;
  const glyphs = [...answer].map((ch, i) => {
    const glyph = f.glyphForCodePoint(ch.codePointAt(0)!);
    const scale = between(28, 34) / f.unitsPerEm;
    const angle = between(-0.4, 0.4);
    const skew = between(-0.3, 0.3);
    const [cos, sin] = [Math.cos(angle), Math.sin(angle)];
    const centerX = 8 + slot * (i + 0.5) + between(-3, 3);
    const centerY = HEIGHT / 2 + between(-4, 4);
    const path = glyph.path.mapPoints((gx, gy) => {
      const u0 = (gx - glyph.advanceWidth / 2) * scale;
      const v = -(gy - f.capHeight / 2) * scale;
      const u = u0 + skew * v;
      return warp(centerX + u * cos - v * sin, centerY + u * sin + v * cos);
    });
    return `<path d="${path.toSVG()}" fill="${darkColour()}"/>`;
  });
  const curves = Array.from({ length: 3 }, () => {
    const y = () => round(between(6, HEIGHT - 6));
    const d = `M${round(between(0, 15))} ${y()}C${round(between(30, 60))} ${y()} ${round(between(90, 120))} ${y()} ${round(between(WIDTH - 15, WIDTH))} ${y()}`;
    return `<path d="${d}" fill="none" stroke="${darkColour()}" stroke-width="${round(between(1, 1.8))}"/>`;
  });
  const dots = Array.from(
    { length: 45 },
    () =>
      `<circle cx="${round(between(0, WIDTH))}" cy="${round(between(0, HEIGHT))}" r="${round(between(0.5, 1.6))}" fill="${anyColour()}"/>`,
  );
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" viewBox="0 0 ${WIDTH} ${HEIGHT}">`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="${lightColour()}"/>`,
    ...dots,
    ...glyphs,
    ...curves,
    '</svg>',
  ].join('');
}

const hue = () => Math.round(between(0, 360));
const darkColour = () => `hsl(${hue()},${Math.round(between(45, 75))}%,${Math.round(between(22, 40))}%)`;
const lightColour = () => `hsl(${hue()},${Math.round(between(20, 45))}%,${Math.round(between(92, 97))}%)`;
const anyColour = () => `hsl(${hue()},${Math.round(between(30, 70))}%,${Math.round(between(35, 75))}%)`;
