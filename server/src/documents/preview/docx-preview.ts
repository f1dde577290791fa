import type { DocxBlock, DocxPreview, DocxRun } from '#contract';
import { StopParsing, type PreviewZip } from './preview-zip.js';

export const docxPreviewLimits = {
  maxBlocks: 3000,
  maxTableRows: 500,
  maxTableColumns: 50,
  /** Characters of text in all blocks together. */
  maxCharacters: 1_000_000,
} as const;

const IMAGE_TEXT = '[图片]';
const off = (value: string | undefined) => value === '0' || value === 'false' || value === 'off';

/** A paragraph style's heading level: its name (heading 1, 标题 1, Title) or its outline level. */
function headingLevelOf(name: string | null, outlineLevel: number | null): number | null {
  const numbered = name ? /^(?:heading|标题)\s*([1-9])$/i.exec(name) : null;
  if (numbered) return Number(numbered[1]);
  if (name && /^title$/i.test(name)) return 1;
  return outlineLevel !== null && outlineLevel < 9 ? outlineLevel + 1 : null;
}

/** Paragraph styles (word/styles.xml) by id → heading level, for the styles that are headings. */
async function headingStyles(zip: PreviewZip): Promise<Map<string, number>> {
  const levels = new Map<string, number>();
  let style: { id: string; name: string | null; outline: number | null } | null = null;
  await zip.readXml(
    'word/styles.xml',
    {
      open(name, attrs) {
        if (name === 'style')
          style = attrs.type === 'paragraph' && attrs.styleId ? { id: attrs.styleId, name: null, outline: null } : null;
        else if (style && name === 'name') style.name = attrs.val ?? null;
        else if (style && name === 'outlineLvl') style.outline = Number(attrs.val);
      },
      close(name) {
        if (name !== 'style' || !style) return;
        const level = headingLevelOf(style.name, Number.isInteger(style.outline) ? style.outline : null);
        if (level !== null) levels.set(style.id, level);
        style = null;
      },
    },
    { optional: true },
  );
  return levels;
}

/**
 * word/document.xml as paragraphs (runs with bold and italic, heading levels) and tables (rows of cell
 * text); images become [图片]. Deleted text (tracked changes) and field codes are left out.
 */
export async function docxPreview(zip: PreviewZip): Promise<DocxPreview> {
  const styles = await headingStyles(zip);
  const limits = docxPreviewLimits;
  const blocks: DocxBlock[] = [];
  let characters = 0;
  let truncated = false;
  let tableDepth = 0;
  let table: string[][] | null = null;
  let row: string[] | null = null;
  let cell: string[] | null = null;
  let paragraph: { headingLevel: number | null; runs: DocxRun[] } | null = null;
  let format = { bold: false, italic: false };
  /** Paragraphs nest in text boxes: their text joins the outer paragraph. */
  let paragraphDepth = 0;

  const stop = (): never => {
    truncated = true;
    throw new StopParsing();
  };
  const count = (text: string) => {
    characters += text.length;
    if (characters > limits.maxCharacters) stop();
  };
  const push = (block: DocxBlock) => {
    if (blocks.length >= limits.maxBlocks) stop();
    blocks.push(block);
  };
  const addRun = (text: string, image = false) => {
    if (!paragraph || text === '') return;
    count(text);
    const runs = paragraph.runs;
    const last = runs[runs.length - 1];
    const bold = format.bold || undefined;
    const italic = format.italic || undefined;
    if (!image && last && !last.image && last.bold === bold && last.italic === italic) last.text += text;
    else runs.push({ text, ...(bold ? { bold } : {}), ...(italic ? { italic } : {}), ...(image ? { image } : {}) });
  };

  await zip.readXml('word/document.xml', {
    open(name, attrs, path) {
      const inRun = path[path.length - 1] === 'r';
      switch (name) {
        case 'tbl':
          if (tableDepth++ === 0) table = [];
          break;
        case 'tr':
          if (tableDepth === 1 && table) {
            if (table.length >= limits.maxTableRows) truncated = true;
            else row = [];
          }
          break;
        case 'tc':
          if (tableDepth === 1 && row) cell = row.length < limits.maxTableColumns ? [] : null;
          break;
        case 'p':
          if (paragraphDepth++ === 0 && (tableDepth === 0 || cell)) paragraph = { headingLevel: null, runs: [] };
          break;
        case 'pStyle':
          if (paragraph) paragraph.headingLevel = styles.get(attrs.val ?? '') ?? paragraph.headingLevel;
          break;
        case 'outlineLvl':
          if (paragraph && Number(attrs.val) < 9) paragraph.headingLevel = Number(attrs.val) + 1;
          break;
        case 'r':
          format = { bold: false, italic: false };
          break;
        case 'b':
          format.bold = !off(attrs.val);
          break;
        case 'i':
          format.italic = !off(attrs.val);
          break;
        case 'tab':
          if (inRun) addRun('\t');
          break;
        case 'br':
        case 'cr':
          if (inRun) addRun('\n');
          break;
        case 'drawing':
        case 'pict':
        case 'object':
          addRun(IMAGE_TEXT, true);
          break;
      }
    },
    close(name) {
      switch (name) {
        case 'p': {
          if (--paragraphDepth > 0) break;
          const done = paragraph;
          paragraph = null;
          if (!done) break;
          if (cell) cell.push(done.runs.map((r) => r.text).join(''));
          else push({ type: 'paragraph', headingLevel: done.headingLevel, runs: done.runs });
          break;
        }
        case 'tc':
          if (tableDepth === 1 && row && cell) row.push(cell.join('\n'));
          if (tableDepth === 1) cell = null;
          break;
        case 'tr':
          if (tableDepth === 1 && table && row) table.push(row);
          if (tableDepth === 1) row = null;
          break;
        case 'tbl':
          if (--tableDepth === 0 && table) {
            push({ type: 'table', rows: table });
            table = null;
          }
          break;
      }
    },
    text(text, path) {
      if (path[path.length - 1] === 't') addRun(text);
    },
  });
  return { kind: 'docx', blocks, truncated };
}
