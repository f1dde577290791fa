import type { EvidenceType } from '#contract';
import { kindNames } from '../common/fileTypes';

const MB = 1024 * 1024;

/** What an evidence type takes, as its card says it: 「PDF、OFD、JPEG、PNG，不超过 10 MB」. */
export function acceptsText(type: Pick<EvidenceType, 'accepts' | 'maxMb'>): string {
  return `${kindNames(type.accepts)}，不超过 ${type.maxMb} MB`;
}

/**
 * A file over the type's size limit, refused before it is sent, in the server's words for it; null when it
 * is within the limit (the server may still refuse it by its own, lower limit).
 */
export function tooLargeMessage(type: Pick<EvidenceType, 'label' | 'maxMb'>, file: Pick<File, 'name' | 'size'>) {
  return file.size > type.maxMb * MB ? `${type.label}：文件“${file.name}”超过 ${type.maxMb} MB 的大小限制` : null;
}
