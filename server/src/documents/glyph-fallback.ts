import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fontkit = require('@foliojs-fork/fontkit') as {
  create(data: Buffer): CoverageFont;
  openSync(path: string): CoverageFont;
};
interface CoverageFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  unitsPerEm: number;
  ascent: number;
  descent: number;
}

/**
 * Noto Serif SC covers GBK and CJK Extension A but almost none of Extension B, where a few personal and
 * place names live; a company name with such a character must not print as a box. Those characters are
 * drawn in HanaMin (Debian's fonts-hanazono, TrueType: A for the BMP, B for the supplementary plane),
 * run by run. When the package is not installed the server logs a warning at start
 * (`missingFallbackFonts`) and such characters stay boxes.
 *
 * The 推荐文件 is set in FandolFang (仿宋, GB2312 and a little more): its chain is FandolFang → Noto Serif SC
 * → HanaMin, so a name with 堃 prints that character in Noto Serif SC and 𠮷 in HanaMin.
 */
const FALLBACKS = [
  { name: 'HanaMinA', path: '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf' },
  { name: 'HanaMinB', path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf' },
] as const;

export type FallbackFontName = (typeof FALLBACKS)[number]['name'];

/** The name pdf.ts registers Noto Serif SC under, the first fallback of the 仿宋 chain. */
export const SERIF_FONT = 'NotoSerifSC';

/** A piece of text and the fallback font it needs (null: the document's own font). */
export interface TextRun {
  text: string;
  font: FallbackFontName | typeof SERIF_FONT | null;
}

/** Which font a text starts from: Noto Serif SC (every document) or FandolFang (the 推荐文件). */
export type FontChain = 'serif' | 'fangsong';

let primary: CoverageFont | null = null;
let fangsong: CoverageFont | null = null;
const fallbackFonts = new Map<FallbackFontName, CoverageFont | null>();

/** Registers the document font whose coverage decides what falls back (pdf.ts, once). */
export function setPrimaryFont(data: Buffer): void {
  primary ??= fontkit.create(data);
}

/** Registers FandolFang, the first font of the 仿宋 chain (pdf.ts, once, when the font is installed). */
export function setFangsongFont(data: Buffer): void {
  fangsong ??= fontkit.create(data);
}

function fallbackFont(font: (typeof FALLBACKS)[number]): CoverageFont | null {
  if (!fallbackFonts.has(font.name))
    fallbackFonts.set(font.name, installedFallbackFonts().includes(font) ? fontkit.openSync(font.path) : null);
  return fallbackFonts.get(font.name)!;
}

/** The fallback font for a character the document font lacks, or null when none has it. */
function fallbackFor(codePoint: number): FallbackFontName | null {
  for (const f of FALLBACKS) if (fallbackFont(f)?.hasGlyphForCodePoint(codePoint)) return f.name;
  return null;
}

/** Control characters and spaces are never drawn from a fallback. */
const drawn = (codePoint: number) => codePoint > 0x20;

/** Which font each character seen so far is drawn in, by chain (a long table asks for the same few thousand). */
const fontByCodePoint = { serif: new Map<number, TextRun['font']>(), fangsong: new Map<number, TextRun['font']>() };

function fontOf(codePoint: number, chain: FontChain): TextRun['font'] {
  let font = fontByCodePoint[chain].get(codePoint);
  if (font === undefined) {
    // Without FandolFang the 仿宋 chain's document font is Noto Serif SC itself (pdf.ts registers it so).
    const lead = chain === 'fangsong' ? fangsong : null;
    if (!drawn(codePoint) || (lead ?? primary!).hasGlyphForCodePoint(codePoint)) font = null;
    else if (lead && primary!.hasGlyphForCodePoint(codePoint)) font = SERIF_FONT;
    else font = fallbackFor(codePoint);
    fontByCodePoint[chain].set(codePoint, font);
  }
  return font;
}

/** Splits text into runs of the document font and of the fallback fonts; one run when nothing falls back. */
export function textRuns(text: string, chain: FontChain = 'serif'): TextRun[] {
  if (!primary) throw new Error('setPrimaryFont() before textRuns()');
  const runs: TextRun[] = [];
  for (const ch of text) {
    const font = fontOf(ch.codePointAt(0)!, chain);
    const last = runs.at(-1);
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  return runs.length ? runs : [{ text, font: null }];
}

/**
 * A font's line box (ascent − descent) in ems, as pdfkit measures a line's height; null: the chain's own
 * font. pdf.ts scales a fallback run's line height by it, so a line holding one keeps the document's pitch.
 */
export function lineBoxEm(font: TextRun['font'], chain: FontChain): number {
  const f =
    font === null
      ? chain === 'fangsong'
        ? (fangsong ?? primary!)
        : primary!
      : font === SERIF_FONT
        ? primary!
        : fallbackFont(FALLBACKS.find((x) => x.name === font)!)!;
  return (f.ascent - f.descent) / f.unitsPerEm;
}

let installed: (typeof FALLBACKS)[number][] | null = null;

/** Fallback fonts to register with a PDF engine: name and file, for those installed (looked up once). */
export function installedFallbackFonts(): readonly { name: FallbackFontName; path: string }[] {
  installed ??= FALLBACKS.filter((f) => fs.existsSync(f.path));
  return installed;
}

/** Fallback font files that are not installed (the server warns at start). */
export function missingFallbackFonts(): string[] {
  return FALLBACKS.filter((f) => !installedFallbackFonts().includes(f)).map((f) => f.path);
}
