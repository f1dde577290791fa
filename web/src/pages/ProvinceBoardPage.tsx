import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Space, Spin, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import type { ProvinceBoardCity } from '#contract';
import { documentUrls } from '../api/endpoints';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { queries } from '../app/queries';
import { BoardTable } from '../features/board/BoardTable';
import { CityTileMap } from '../features/board/CityTileMap';
import { DuplicatesCard } from '../features/board/DuplicatesCard';
import { RecommendationBars } from '../features/board/RecommendationBars';
import { failureOf } from '../features/common/failureOf';
import { formatDeadline } from '../features/common/format';
import { ArchiveDownload } from '../features/documents/ArchiveDownload';
import { DocumentButtons } from '../features/documents/DocumentButtons';
import { LoadFailure } from '../features/common/LoadFailure';
import { RefusalAlert } from '../features/common/RefusalAlert';
import {
  ExceptionDialog,
  ReturnPackageDialog,
  useAcceptPackage,
  type PackageTarget,
} from '../features/package/ProvincePackageDialogs';

function Totals({ cities }: { cities: ProvinceBoardCity[] }) {
  const sum = (pick: (c: ProvinceBoardCity) => number) => cities.reduce((n, c) => n + pick(c), 0);
  const submitted = cities.filter((c) => c.state === 'submitted').length;
  const accepted = cities.filter((c) => c.acceptedAt !== null).length;
  return (
    <Card size="small" className="form-card board-totals">
      <Row gutter={16}>
        <Col xs={12} md={4}>
          <Statistic title="已报送城市" value={submitted} suffix={`/ ${cities.length}`} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="已受理" value={accepted} suffix={`/ ${submitted}`} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic
            title="推荐平台"
            value={sum((c) => c.counts.quota + c.counts.designated_area + c.counts.lab)}
            suffix="个"
          />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="市推荐名额" value={sum((c) => c.counts.quota)} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="特定区域" value={sum((c) => c.counts.designated_area)} />
        </Col>
        <Col xs={12} md={4}>
          <Statistic title="实验室" value={sum((c) => c.counts.lab)} />
        </Col>
      </Row>
    </Card>
  );
}

/** The province's receipt board: every city's package at a glance, with 受理, return and deadline exceptions. */
export function ProvinceBoardPage() {
  const navigate = useNavigate();
  const batch = useOfficialBatch();
  const boardQuery = useQuery(queries.board(batch));
  const [returning, setReturning] = useState<PackageTarget | null>(null);
  const [excepting, setExcepting] = useState<PackageTarget | null>(null);
  const { accepting, refusal, clearRefusal, accept } = useAcceptPackage();

  const loadFailure = failureOf(boardQuery);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  const board = boardQuery.data;
  if (!board) return <Spin size="large" className="page-spin" description="正在加载报送情况…" />;

  const open = (city: ProvinceBoardCity) => navigate(withBatch(`/province/packages/${city.authorityCode}`, batch));
  const target = (city: ProvinceBoardCity): PackageTarget => ({ authorityCode: city.authorityCode, name: city.name });
  return (
    <div className="board-page">
      <div className="page-heading">
        <TitleWithBatch>推荐材料报送情况</TitleWithBatch>
        <Typography.Text type="secondary">
          {board.batch.label} · 市级报送截止 {formatDeadline(board.batch.cityDeadline)}（北京时间），逾期不予受理
        </Typography.Text>
      </div>
      <Row gutter={16}>
        <Col xs={24} xl={9}>
          <Card size="small" title="全省概览" className="form-card">
            <CityTileMap cities={board.cities} onOpen={open} />
          </Card>
        </Col>
        <Col xs={24} xl={15}>
          <Totals cities={board.cities} />
          <Card size="small" title="各市推荐平台数" className="form-card">
            <RecommendationBars cities={board.cities} />
          </Card>
        </Col>
      </Row>
      <Card
        size="small"
        title="各市报送情况"
        className="form-card"
        extra={
          <Space>
            <DocumentButtons
              name="全省汇总表"
              links={{
                xlsx: documentUrls.provinceSummary('xlsx', board.batch.id),
                pdf: documentUrls.provinceSummary('pdf', board.batch.id),
              }}
            />
            <ArchiveDownload
              label="全省电子材料（zip）"
              href={documentUrls.provinceArchive(board.batch.id)}
              authorityCode={null}
              batch={board.batch.id}
            />
          </Space>
        }
      >
        {refusal && <RefusalAlert refusal={refusal} onClose={clearRefusal} />}
        <BoardTable
          cities={board.cities}
          onOpen={open}
          onReturn={(c) => setReturning(target(c))}
          onException={(c) => setExcepting(target(c))}
          onAccept={(t) => void accept(t)}
          accepting={accepting}
        />
      </Card>
      <DuplicatesCard duplicates={board.duplicates} />
      <ReturnPackageDialog target={returning} onClose={() => setReturning(null)} />
      <ExceptionDialog target={excepting} onClose={() => setExcepting(null)} />
    </div>
  );
}
