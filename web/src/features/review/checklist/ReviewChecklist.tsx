import { Card, Col, Row, Typography } from 'antd';
import { useMemo, useState } from 'react';
import type { ApplicationView, BatchConfig, EvidenceFileView, ReviewItemView, ReviewView } from '#contract';
import { EvidenceViewer } from '../EvidenceViewer';
import { evidenceFileIdOf, ruleCodeOf } from '../reviewLabels';
import { evidenceTypeOf } from './figures';
import { FindingRow } from './FindingRow';
import { FindingTally } from './FindingTally';
import { OfficialEligibility } from './OfficialEligibility';

interface ReviewChecklistProps {
  view: ReviewView;
  application: ApplicationView;
  config: BatchConfig | undefined;
  editable: boolean;
  onView: (view: ReviewView) => void;
}

/** 逐项审核: a finding per eligibility rule and per evidence file, with the file open beside it. */
export function ReviewChecklist({ view, application, config, editable, onView }: ReviewChecklistProps) {
  const [opened, setOpened] = useState<{ itemKey: string; fileId: string } | null>(null);
  const filesById = useMemo(() => new Map(application.evidence.map((f) => [f.id, f])), [application.evidence]);
  const typeLabel = (key: string) => config?.evidenceTypes.find((t) => t.key === key)?.label ?? key;

  const filesFor = (item: ReviewItemView): EvidenceFileView[] => {
    const fileId = evidenceFileIdOf(item.itemKey);
    if (fileId) return filesById.has(fileId) ? [filesById.get(fileId)!] : [];
    const type = evidenceTypeOf(ruleCodeOf(item.itemKey));
    return type ? application.evidence.filter((f) => f.evidenceType === type).slice(0, 3) : [];
  };

  const rules = view.items.filter((i) => i.kind === 'rule');
  const evidence = view.items.filter((i) => i.kind === 'evidence');
  const evidenceGroups = useMemo(() => {
    const groups = new Map<string, ReviewItemView[]>();
    view.items
      .filter((i) => i.kind === 'evidence')
      .forEach((item) => {
        const type = filesById.get(evidenceFileIdOf(item.itemKey) ?? '')?.evidenceType ?? 'other';
        groups.set(type, [...(groups.get(type) ?? []), item]);
      });
    const order = config?.evidenceTypes.map((t) => t.key) ?? [];
    const rank = (type: string) => (order.includes(type) ? order.indexOf(type) : order.length);
    return [...groups].map(([type, items]) => ({ type, items })).sort((a, b) => rank(a.type) - rank(b.type));
  }, [view.items, filesById, config]);
  const openedFile = opened ? (filesById.get(opened.fileId) ?? null) : null;

  const row = (item: ReviewItemView) => (
    <FindingRow
      key={item.itemKey}
      applicationId={view.applicationId}
      item={item}
      editable={editable}
      selected={opened?.itemKey === item.itemKey}
      files={filesFor(item)}
      onOpenFile={(itemKey, file) => setOpened({ itemKey, fileId: file.id })}
      onView={onView}
    />
  );

  return (
    <Row gutter={16} className="review-checklist">
      <Col xs={24} lg={13}>
        <OfficialEligibility view={view} />
        <FindingTally items={view.items} />
        <Card size="small" title="申报条件（附件2 注1–3）" className="finding-card">
          {rules.map(row)}
        </Card>
        <Card size="small" title={`证明材料（${evidence.length} 个文件）`} className="finding-card">
          {evidence.length === 0 && <Typography.Text type="secondary">无证明材料</Typography.Text>}
          {evidenceGroups.map((group) => (
            <section key={group.type} className="finding-group" data-evidence-type={group.type}>
              <div className="finding-group-label">{typeLabel(group.type)}</div>
              {group.items.map(row)}
            </section>
          ))}
        </Card>
      </Col>
      <Col xs={24} lg={11}>
        <div className="viewer-column">
          <EvidenceViewer
            applicationId={view.applicationId}
            file={openedFile}
            caption={openedFile ? typeLabel(openedFile.evidenceType) : null}
          />
        </div>
      </Col>
    </Row>
  );
}
