import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const fontkit = require('@foliojs-fork/fontkit') as {
  create(data: Buffer): CoverageFont;
  openSync(path: string): CoverageFont;
};
interface CoverageFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
}

/**
 * Noto Serif SC covers GBK and CJK Extension A but almost none of Extension B, where a few personal and
 * place names live; a company name with such a character must not print as a box. Those characters are
 * drawn in HanaMin (Debian's fonts-hanazono, TrueType: A for the BMP, B for the supplementary plane),
 * run by run. When the package is not installed the server logs a warning at start
 * (`missingFallbackFonts`) and such characters stay boxes.
 */
const FALLBACKS = [
  { name: 'HanaMinA', path: '/usr/share/fonts/truetype/hanazono/HanaMinA.ttf' },
  { name: 'HanaMinB', path: '/usr/share/fonts/truetype/hanazono/HanaMinB.ttf' },
] as const;

export type FallbackFontName = (typeof FALLBACKS)[number]['name'];

/** A piece of text and the fallback font it needs (null: the document's own font). */
export interface TextRun {
  text: string;
  font: FallbackFontName | null;
}

let primary: CoverageFont | null = null;
const fallbackFonts = new Map<FallbackFontName, CoverageFont | null>();

/** Registers the document font whose coverage decides what falls back (pdf.ts, once). */
export function setPrimaryFont(data: Buffer): void {
  primary ??= fontkit.create(data);
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

/** Which font each character seen so far is drawn in (a long table asks for the same few thousand). */
const fontByCodePoint = new Map<number, FallbackFontName | null>();

function fontOf(codePoint: number): FallbackFontName | null {
  let font = fontByCodePoint.get(codePoint);
  if (font === undefined) {
    font = drawn(codePoint) && !primary!.hasGlyphForCodePoint(codePoint) ? fallbackFor(codePoint) : null;
    fontByCodePoint.set(codePoint, font);
  }
  return font;
}

/** Splits text into runs of the document font and of the fallback fonts; one run when nothing falls back. */
export function textRuns(text: string): TextRun[] {
  if (!primary) throw new Error('setPrimaryFont() before textRuns()');
  const runs: TextRun[] = [];
  for (const ch of text) {
    const font = fontOf(ch.codePointAt(0)!);
    const last = runs.at(-1);
    if (last && last.font === font) last.text += ch;
    else runs.push({ text: ch, font });
  }
  return runs.length ? runs : [{ text, font: null }];
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
