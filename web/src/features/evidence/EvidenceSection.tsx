import { Col, Row, Typography } from 'antd';
import type { ApplicationView, BatchConfig, EvidenceFileView, PreviousEvidence } from '#contract';
import { EvidenceCard } from './EvidenceCard';
import { PreviousEvidenceList } from './PreviousEvidenceList';

/** The roster has its own tab: the imported workbook is kept as evidence of this type. */
export const ROSTER_EVIDENCE_TYPE = 'roster';

interface EvidenceSectionProps {
  view: ApplicationView;
  config: BatchConfig;
  editable: boolean;
  onChanged: () => void;
  /** The city's remarks per evidence type, while the application is returned. */
  remarks?: ReadonlyMap<string, string[]>;
  /** Files of the earlier application offered for re-confirmation. */
  previous?: readonly PreviousEvidence[];
}

/**
 * For each file whose content is also uploaded elsewhere in the application (the same SHA-256, under this
 * or another type), a warning naming the other places: the same scan under four types is a slip.
 */
function sameContentWarnings(
  files: readonly EvidenceFileView[],
  labelOf: (type: string) => string,
): Map<string, string[]> {
  const warnings = new Map<string, string[]>();
  for (const file of files) {
    if (file.sha256 === null || file.evidenceType === ROSTER_EVIDENCE_TYPE) continue;
    const others = files.filter((f) => f.id !== file.id && f.sha256 === file.sha256);
    if (others.length === 0) continue;
    const places = others.map((o) => `“${labelOf(o.evidenceType)}”中的“${o.originalName}”`).join('、');
    const list = warnings.get(file.evidenceType) ?? [];
    list.push(`“${file.originalName}”与${places}内容相同，请确认是否传错了文件`);
    warnings.set(file.evidenceType, list);
  }
  return warnings;
}

/** 证明材料: one card per evidence type of the batch, required ones first. */
export function EvidenceSection({ view, config, editable, onChanged, remarks, previous = [] }: EvidenceSectionProps) {
  const types = config.evidenceTypes
    .filter((t) => t.key !== ROSTER_EVIDENCE_TYPE)
    .sort((a, b) => Number(b.required) - Number(a.required));
  const duplicates = sameContentWarnings(
    view.evidence,
    (key) => config.evidenceTypes.find((t) => t.key === key)?.label ?? key,
  );
  return (
    <>
      <Typography.Paragraph type="secondary">
        请上传清晰的扫描件或原件电子版。系统按文件内容识别类型，并在上传时记录 SHA-256 和 SM3
        摘要，用于核对材料未被改动。
      </Typography.Paragraph>
      {editable && <PreviousEvidenceList applicationId={view.id} files={previous} onChanged={onChanged} />}
      <Row gutter={[16, 16]}>
        {types.map((type) => (
          <Col xs={24} xl={12} key={type.key}>
            <EvidenceCard
              applicationId={view.id}
              type={type}
              files={view.evidence.filter((f) => f.evidenceType === type.key)}
              editable={editable}
              onChanged={onChanged}
              remarks={remarks?.get(type.key)}
              duplicates={duplicates.get(type.key)}
            />
          </Col>
        ))}
      </Row>
    </>
  );
}
