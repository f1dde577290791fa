import type { ApplicationForm, BlindDocument, EvidencePreview } from '#contract';
import { docxPreview } from '../../documents/preview/docx-preview.js';
import { ofdPreview } from '../../documents/preview/ofd-preview.js';
import { PreviewError, PreviewZip } from '../../documents/preview/preview-zip.js';
import { xlsxPreview } from '../../documents/preview/xlsx-preview.js';
import { AppError } from '../../domain/errors.js';
import type { EvidenceRow as EvidenceFileRow } from '../../repositories/application-repository.js';
import { mediaTypes } from '../../storage/content-type.js';
import type { Context } from '../context.js';

export const UNIT_NAME_HIDDEN = '（单位名称已隐去）';
const HIDDEN = '（已隐去）';
const PHONE_HIDDEN = '（电话已隐去）';
export const PDF_NOTICE = 'PDF 无法自动隐去单位名称，请评审时不考虑单位身份';
const IMAGE_NOTICE = '图片无法自动识别单位名称，请评审时不考虑单位身份';
const NAMES_UNIT_NOTICE = '该材料内容含有单位名称或统一社会信用代码，请评审时不考虑单位身份';

/** What identifies the applicant: its names (the unit's first, then its core without the company form), codes, people, places. */
export interface Identity {
  unitNames: string[];
  codes: string[];
  others: string[];
}

const COMPANY_FORMS = /(股份有限公司|有限责任公司|有限公司|集团|公司)$/u;

export function identityOf(source: {
  unit_name: string;
  uscc: string;
  contact_name: string;
  region_name: string | null;
  authority_name: string | null;
  institutions: readonly { name: string; uscc: string }[];
  form: Partial<ApplicationForm>;
}): Identity {
  const core = source.unit_name.replace(COMPANY_FORMS, '');
  const unitNames = [source.unit_name, ...(core.length >= 4 && core !== source.unit_name ? [core] : [])];
  const people = [
    source.contact_name,
    source.form.legalRepresentative,
    source.form.principalName,
    source.form.contactName,
  ];
  const places = [source.region_name, source.authority_name, source.form.address];
  return {
    unitNames,
    codes: [source.uscc, ...source.institutions.map((i) => i.uscc)],
    others: [...source.institutions.map((i) => i.name), ...people, ...places]
      .filter((x): x is string => typeof x === 'string' && x.trim().length >= 2)
      .map((x) => x.trim()),
  };
}

const byLength = (a: string, b: string) => b.length - a.length;

/** The text with the unit's names, codes, people, places and phone numbers replaced by placeholders. */
export function redact(text: string, identity: Identity): string {
  let out = text;
  for (const name of [...identity.unitNames].sort(byLength)) out = out.replaceAll(name, UNIT_NAME_HIDDEN);
  for (const code of identity.codes) out = out.replaceAll(code, HIDDEN);
  for (const other of [...identity.others].sort(byLength)) out = out.replaceAll(other, HIDDEN);
  return out.replace(/1[3-9]\d{9}|0\d{2,3}-?\d{7,8}/g, PHONE_HIDDEN);
}

/** Whether a text names the unit (its name, the core of its name, or its USCC). */
export const namesUnit = (text: string, identity: Identity) =>
  [...identity.unitNames, identity.codes[0]!].some((s) => text.includes(s));

const previewers = new Map<string, (zip: PreviewZip) => Promise<EvidencePreview>>([
  [mediaTypes.docx, docxPreview],
  [mediaTypes.xlsx, xlsxPreview],
  [mediaTypes.ofd, ofdPreview],
]);

/** A Word, Excel or OFD file's preview (its text), bounded as every preview is; null for other kinds. */
export async function previewStored(ctx: Context, file: EvidenceFileRow): Promise<EvidencePreview | null> {
  const previewer = previewers.get(file.media_type);
  if (!previewer) return null;
  try {
    return await ctx.blobs.withLocalCopy(file.storage_key, async (localPath) => {
      const zip = await PreviewZip.open(localPath);
      try {
        return await previewer(zip);
      } finally {
        zip.close();
      }
    });
  } catch (err) {
    if (!(err instanceof PreviewError)) throw err;
    throw new AppError('PREVIEW_FAILED', `无法预览该材料：文件内容损坏或过大（${err.message}），请下载后查看`);
  }
}

const extension = (name: string) => /\.[A-Za-z0-9]{1,8}$/.exec(name)?.[0].toLowerCase() ?? '';

/** The evidence file's neutral name, as the expert sees and downloads it. */
export const neutralName = (number: number, file: EvidenceFileRow) =>
  `佐证材料${number}${extension(file.original_name)}`;

/**
 * One evidence file as the expert's list shows it: neutral name, and whether its text names the unit — read for
 * Word, Excel and OFD (a file that cannot be read counts as naming it), unknown (null) for PDF and images, each
 * with the notice the page shows.
 */
export async function blindDocument(
  ctx: Context,
  number: number,
  file: EvidenceFileRow,
  typeLabel: string,
  identity: Identity,
): Promise<BlindDocument> {
  let names: boolean | null = null;
  if (previewers.has(file.media_type)) {
    try {
      names = namesUnit(JSON.stringify(await previewStored(ctx, file)), identity);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      names = true;
    }
  }
  const notice =
    names === true
      ? NAMES_UNIT_NOTICE
      : names === false
        ? null
        : file.media_type === mediaTypes.pdf
          ? PDF_NOTICE
          : IMAGE_NOTICE;
  return {
    number,
    name: neutralName(number, file),
    evidenceType: file.evidence_type,
    evidenceTypeLabel: typeLabel,
    mediaType: file.media_type,
    sizeBytes: file.size_bytes,
    namesUnit: names,
    notice,
  };
}
