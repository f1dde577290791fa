import type { FileKind } from './content-type.js';

/** The extensions a file of each kind may carry, the usual one first; compared case-insensitively. */
export const kindExtensions: Record<FileKind, readonly string[]> = {
  pdf: ['pdf'],
  jpeg: ['jpg', 'jpeg'],
  png: ['png'],
  ofd: ['ofd'],
  docx: ['docx'],
  xlsx: ['xlsx'],
};

/** Longest name kept, in UTF-16 code units (what the database column and the web show comfortably). */
export const MAX_FILE_NAME_LENGTH = 200;

export const UNNAMED_FILE = '未命名文件';

/**
 * Control and format characters (Unicode Cc and Cf: every bidi control such as U+202E, which turns
 * "fdp.exe" into "exe.pdf" on screen, every zero-width character, the BOM), line and paragraph
 * separators, and unpaired surrogates (which no header or archive name can carry).
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/gu;
/** An extension: a short run without dots or spaces after the last dot. */
const EXTENSION = /^(.*)\.([^.\s]{1,16})$/su;
const graphemes = new Intl.Segmenter('und', { granularity: 'grapheme' });

/**
 * The name an uploaded file is kept and offered under: the Chinese name as given, minus path parts and
 * invisible characters, in NFC, at most 200 UTF-16 units with the extension kept when cut (never
 * splitting a character), 未命名文件 when nothing is left. Given the kind the content was typed as,
 * the extension is made to match it: 营业执照\u202efdp.exe of PDF content becomes 营业执照fdp.exe.pdf.
 * Applying it again changes nothing.
 */
export function sanitizeFileName(name: string, kind?: FileKind): string {
  const cleaned = name
    .replace(INVISIBLE, '')
    .split(/[\\/]/)
    .pop()!
    .normalize('NFC')
    .replace(/[\s.]+$/u, '');
  const parts = EXTENSION.exec(cleaned);
  let stem = parts ? parts[1]! : cleaned;
  let extension = parts ? parts[2]! : '';
  if (kind && !kindExtensions[kind].includes(extension.toLowerCase())) {
    stem = extension ? `${stem}.${extension}` : stem;
    extension = kindExtensions[kind][0]!;
  }
  const suffix = extension ? `.${extension}` : '';
  stem = cut(stem.replace(/^[\s.]+|[\s.]+$/gu, ''), MAX_FILE_NAME_LENGTH - suffix.length).replace(/[\s.]+$/u, '');
  // A name without an extension may end, once cut, in what reads as one ("甲..乙乙"): its stem must then
  // not end in dots or spaces either, or the next pass would strip them.
  if (!suffix) stem = stem.replace(/(?<=[^\s.])[\s.]+\.(?=[^.\s]{1,16}$)/u, '.');
  return `${stem || UNNAMED_FILE}${suffix}`;
}

/** The longest prefix of whole grapheme clusters within `limit` UTF-16 units. */
function cut(text: string, limit: number): string {
  if (text.length <= limit) return text;
  let end = 0;
  for (const { segment } of graphemes.segment(text)) {
    if (end + segment.length > limit) break;
    end += segment.length;
  }
  return text.slice(0, end);
}
