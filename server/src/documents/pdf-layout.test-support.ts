import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

/** Reading a rendered PDF back with poppler: pages, text lines with positions (points), fonts. */

export const MM = 72 / 25.4;

interface Word {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  text: string;
}
export interface Line {
  page: number;
  top: number;
  left: number;
  right: number;
  text: string;
  heights: number[];
}

/** Writes a PDF and reads back its pages, text lines (words at one height, joined) and fonts. */
export function readPdfIn(
  dir: string,
  name: string,
  pdf: Buffer,
): { pages: number; size: string; lines: Line[]; fonts: string } {
  const file = path.join(dir, name);
  fs.writeFileSync(file, pdf);
  fs.mkdirSync(path.resolve('test-artifacts/documents'), { recursive: true });
  fs.copyFileSync(file, path.resolve('test-artifacts/documents', name));
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const html = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
  const words: Word[] = [];
  for (const [i, page] of html.split('<page ').slice(1).entries())
    for (const m of page.matchAll(
      /<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g,
    ))
      words.push({ page: i + 1, xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: m[5]! });
  // Words of one line share its baseline; whatever their font, their boxes' centres lie within a point or two.
  const groups: Word[][] = [];
  const centre = (w: Word) => (w.yMin + w.yMax) / 2;
  for (const w of words.sort((a, b) => a.page - b.page || centre(a) - centre(b))) {
    const last = groups.at(-1);
    if (last && last[0]!.page === w.page && centre(w) - centre(last[0]!) < 4) last.push(w);
    else groups.push([w]);
  }
  const lines = groups
    .map((ws) => ws.sort((a, b) => a.xMin - b.xMin))
    .map((ws) => ({
      page: ws[0]!.page,
      top: Math.min(...ws.map((w) => w.yMin)),
      left: ws[0]!.xMin,
      right: Math.max(...ws.map((w) => w.xMax)),
      text: ws.map((w) => w.text).join(''),
      heights: ws.map((w) => w.yMax - w.yMin),
    }))
    .sort((a, b) => a.page - b.page || a.top - b.top);
  return {
    pages: Number(/Pages:\s+(\d+)/.exec(info)![1]),
    size: /Page size:\s+(.*)/.exec(info)![1]!,
    lines,
    fonts: execFileSync('pdffonts', [file], { encoding: 'utf8' }),
  };
}

/** Width in 三号 characters: half-width letters and digits count half. */
export const widthOf = (text: string) => [...text].reduce((w, ch) => w + (ch.codePointAt(0)! < 0x2000 ? 0.5 : 1), 0);

export const lineWith = (lines: Line[], text: string) => {
  const line = lines.find((l) => l.text.includes(text));
  expect(line, text).toBeDefined();
  return line!;
};
