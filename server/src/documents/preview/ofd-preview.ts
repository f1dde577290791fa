import type { OfdBox, OfdPage, OfdPath, OfdPreview, OfdText } from '#contract';
import { PreviewError, resolveEntry, type PreviewZip } from './preview-zip.js';

export const ofdPreviewLimits = {
  maxPages: 50,
  maxObjectsPerPage: 10_000,
  maxPathData: 20_000,
  /** Characters of text on a page, and on all pages shown together. */
  maxCharacters: 1_000_000,
  /** Objects on all pages shown together (a template counts on every page that uses it). */
  maxObjects: 100_000,
} as const;

/** A4 portrait, when neither the page nor the document gives a PhysicalBox. */
const A4: OfdBox = [0, 0, 210, 297];
const DEFAULT_LINE_WIDTH = 0.353;

function numbers(text: string | undefined): number[] | null {
  if (text === undefined) return null;
  const parts = text.trim().split(/\s+/).filter(Boolean).map(Number);
  return parts.every(Number.isFinite) ? parts : null;
}

function boxOf(text: string | undefined): OfdBox | null {
  const n = numbers(text);
  return n && n.length === 4 ? [n[0]!, n[1]!, n[2]!, n[3]!] : null;
}

/**
 * DeltaX as the first `count` offsets between characters: numbers, and `g N d` for N times d (GB/T 33190
 * §11.3); never more than `count`, whatever N says. Null when it says nothing or cannot be read.
 */
function deltas(text: string | null, count: number): number[] | null {
  if (!text) return null;
  const tokens = text.trim().split(/\s+/);
  const out: number[] = [];
  for (let i = 0; i < tokens.length && out.length < count; i++) {
    if (tokens[i] === 'g') {
      const times = Number(tokens[i + 1]);
      const value = Number(tokens[i + 2]);
      if (!Number.isInteger(times) || times < 0 || !Number.isFinite(value)) return null;
      for (let k = 0; k < times && out.length < count; k++) out.push(value);
      i += 2;
    } else {
      const value = Number(tokens[i]);
      if (!Number.isFinite(value)) return null;
      out.push(value);
    }
  }
  return out;
}

/** How many numbers each OFD path command takes, and its SVG letter (B is a cubic Bézier, C closes). */
const PATH_COMMANDS: Record<string, { svg: string; args: number }> = {
  S: { svg: 'M', args: 2 },
  M: { svg: 'M', args: 2 },
  L: { svg: 'L', args: 2 },
  Q: { svg: 'Q', args: 4 },
  B: { svg: 'C', args: 6 },
  A: { svg: 'A', args: 7 },
  C: { svg: 'Z', args: 0 },
};

/** AbbreviatedData as SVG path data, rebuilt from its numbers; null when it has anything else. */
function svgPath(text: string): string | null {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  for (let i = 0; i < tokens.length;) {
    const command = PATH_COMMANDS[tokens[i]!];
    if (!command) return null;
    const args = tokens.slice(i + 1, i + 1 + command.args).map(Number);
    if (args.length !== command.args || !args.every(Number.isFinite)) return null;
    out.push([command.svg, ...args].join(' '));
    i += 1 + command.args;
  }
  return out.length > 0 ? out.join(' ') : null;
}

interface PageObjects {
  box: OfdBox | null;
  texts: OfdText[];
  paths: OfdPath[];
  images: OfdBox[];
  truncated: boolean;
  /** Templates the page draws first (their ids). */
  templates: string[];
}

/** One page description (a page's or a template's Content.xml): its text, path and image objects. */
async function readPage(zip: PreviewZip, entry: string): Promise<PageObjects> {
  const page: PageObjects = { box: null, texts: [], paths: [], images: [], truncated: false, templates: [] };
  let objects = 0;
  let textLength = 0;
  const room = () => {
    if (objects++ < ofdPreviewLimits.maxObjectsPerPage) return true;
    page.truncated = true;
    return false;
  };
  let text: {
    origin: [number, number];
    ctm?: number[];
    size: number;
    bold?: boolean;
    italic?: boolean;
  } | null = null;
  let code: { x: number; y: number; deltaX: string | null; text: string } | null = null;
  let next = { x: 0, y: 0 };
  let path: (OfdPath & { data: string }) | null = null;
  let physicalBox = '';
  await zip.readXml(entry, {
    open(name, attrs, around) {
      const parent = around[around.length - 1];
      if (name === 'PhysicalBox' && parent === 'Area') physicalBox = '';
      else if (name === 'Template' && attrs.TemplateID) page.templates.push(attrs.TemplateID);
      else if (name === 'TextObject') {
        const boundary = boxOf(attrs.Boundary);
        const ctm = numbers(attrs.CTM);
        text =
          boundary && room()
            ? {
                origin: [boundary[0], boundary[1]],
                ...(ctm?.length === 6 ? { ctm } : {}),
                size: Number(attrs.Size) > 0 ? Number(attrs.Size) : 3.5,
                ...(Number(attrs.Weight) >= 700 ? { bold: true } : {}),
                ...(attrs.Italic === 'true' ? { italic: true } : {}),
              }
            : null;
        next = { x: 0, y: 0 };
      } else if (name === 'TextCode' && text) {
        const x = Number(attrs.X);
        const y = Number(attrs.Y);
        code = {
          x: attrs.X !== undefined && Number.isFinite(x) ? x : next.x,
          y: attrs.Y !== undefined && Number.isFinite(y) ? y : next.y,
          deltaX: attrs.DeltaX ?? null,
          text: '',
        };
      } else if (name === 'PathObject') {
        const boundary = boxOf(attrs.Boundary);
        const ctm = numbers(attrs.CTM);
        const width = Number(attrs.LineWidth);
        path =
          boundary && room()
            ? {
                boundary,
                ...(ctm?.length === 6 ? { ctm } : {}),
                lineWidth: width > 0 ? width : DEFAULT_LINE_WIDTH,
                data: '',
              }
            : null;
      } else if (name === 'ImageObject') {
        const boundary = boxOf(attrs.Boundary);
        if (boundary && room()) page.images.push(boundary);
      }
    },
    text(value, around) {
      const parent = around[around.length - 1];
      if (parent === 'PhysicalBox' && around[around.length - 2] === 'Area') physicalBox += value;
      else if (parent === 'TextCode' && code) code.text += value;
      else if (parent === 'AbbreviatedData' && path && path.data.length < ofdPreviewLimits.maxPathData)
        path.data += value;
    },
    close(name) {
      if (name === 'PhysicalBox' && physicalBox) page.box = boxOf(physicalBox) ?? page.box;
      else if (name === 'TextCode' && text && code) {
        const characters = Array.from(code.text);
        textLength += code.text.length;
        if (textLength > ofdPreviewLimits.maxCharacters) {
          page.truncated = true;
          code = null;
          return;
        }
        const step = deltas(code.deltaX, characters.length - 1);
        let xs: number[] | undefined;
        if (step && step.length > 0 && characters.length > 1) {
          xs = [code.x];
          for (let i = 1; i < characters.length; i++) xs.push(xs[i - 1]! + (step[i - 1] ?? step[step.length - 1]!));
        }
        if (code.text.trim() !== '')
          page.texts.push({ ...text, x: code.x, y: code.y, text: code.text, ...(xs ? { xs } : {}) });
        const last = xs ? xs[xs.length - 1]! : code.x + text.size * Math.max(0, characters.length - 1);
        next = { x: last + text.size, y: code.y };
        code = null;
      } else if (name === 'TextObject') text = null;
      else if (name === 'PathObject' && path) {
        const { data, ...rest } = path;
        const d = svgPath(data);
        page.paths.push({ ...rest, ...(d ? { d } : {}) });
        path = null;
      }
    },
  });
  return page;
}

/**
 * An OFD (GB/T 33190) as pages of positioned text, lines and image boxes: OFD.xml → DocRoot's Document.xml
 * → each Page's Content.xml, with the templates it names; page size from the page's PhysicalBox or the
 * document's CommonData. Fonts are not embedded in the preview: the browser draws the text in its own.
 */
export async function ofdPreview(zip: PreviewZip): Promise<OfdPreview> {
  // The first document of the file (an OFD may hold several).
  let docRoot = '';
  let rootRead = false;
  await zip.readXml('OFD.xml', {
    text(value, path) {
      if (!rootRead && path[path.length - 1] === 'DocRoot') docRoot += value;
    },
    close(name) {
      if (name === 'DocRoot') rootRead = true;
    },
  });
  const documentEntry = resolveEntry('OFD.xml', docRoot.trim());
  if (documentEntry === '') throw new PreviewError('OFD.xml 中没有文档入口（DocRoot）');

  let documentBox = '';
  const pageEntries: string[] = [];
  const templates = new Map<string, string>();
  await zip.readXml(documentEntry, {
    open(name, attrs, path) {
      if (name === 'Page' && path[path.length - 1] === 'Pages' && attrs.BaseLoc)
        pageEntries.push(resolveEntry(documentEntry, attrs.BaseLoc));
      else if (name === 'TemplatePage' && attrs.ID && attrs.BaseLoc)
        templates.set(attrs.ID, resolveEntry(documentEntry, attrs.BaseLoc));
    },
    text(value, path) {
      if (path[path.length - 1] === 'PhysicalBox' && path.includes('CommonData')) documentBox += value;
    },
  });
  if (pageEntries.length === 0) throw new PreviewError('OFD 文档中没有页面');
  const defaultBox = boxOf(documentBox) ?? A4;

  const shown = { characters: 0, objects: 0 };
  const templateCache = new Map<string, PageObjects>();
  const pages: OfdPage[] = [];
  for (const entry of pageEntries.slice(0, ofdPreviewLimits.maxPages)) {
    const content = await readPage(zip, entry);
    const layers: PageObjects[] = [];
    for (const id of content.templates) {
      const templateEntry = templates.get(id);
      if (!templateEntry) continue;
      const template = templateCache.get(templateEntry) ?? (await readPage(zip, templateEntry));
      templateCache.set(templateEntry, template);
      layers.push(template);
    }
    layers.push(content);
    const page: OfdPage = {
      box: content.box ?? defaultBox,
      texts: layers.flatMap((l) => l.texts),
      paths: layers.flatMap((l) => l.paths),
      images: layers.flatMap((l) => l.images),
      truncated: layers.some((l) => l.truncated),
    };
    shown.characters += page.texts.reduce((sum, t) => sum + t.text.length, 0);
    shown.objects += page.texts.length + page.paths.length + page.images.length;
    const full = shown.characters > ofdPreviewLimits.maxCharacters || shown.objects > ofdPreviewLimits.maxObjects;
    // The first page is shown whatever it holds (its own limits bound it); later ones only within the total.
    if (full && pages.length > 0) break;
    pages.push(page);
  }
  return {
    kind: 'ofd',
    pages,
    truncatedPages: pageEntries.length > pages.length,
    pageCount: pageEntries.length,
  };
}
