import { Card, Input, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import type { ApiError } from '../api/client';
import { applicationsApi } from '../api/endpoints';
import type { ApplicationListItem } from '../api/types';
import { useSession } from '../app/session';
import { LoadFailure } from '../features/common/LoadFailure';
import { useReferenceData } from '../features/reference/useReferenceData';
import { ApplicationDrawer } from '../features/review/ApplicationDrawer';
import { ApplicationsTable, statusFilterOptions } from '../features/review/ApplicationsTable';

function matches(item: ApplicationListItem, search: string, status: string): boolean {
  const needle = search.trim();
  const nameMatches = !needle || item.platformName.includes(needle) || item.unitName.includes(needle);
  return nameMatches && (status === 'all' || item.status === status);
}

/** The applications a city authority (its own region) or the province (all) can see. */
export function ReviewPage({ scope }: { scope: 'city' | 'province' }) {
  const { session } = useSession();
  const reference = useReferenceData();
  const [items, setItems] = useState<ApplicationListItem[]>([]);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<ApiError | null>(null);
  const [search, setSearch] = useState('');
  const [status, setStatus] = useState('all');
  const [opened, setOpened] = useState<ApplicationListItem | null>(null);

  const load = useCallback(() => {
    setLoading(true);
    setError(null);
    applicationsApi
      .list()
      .then(setItems, setError)
      .finally(() => setLoading(false));
  }, []);
  useEffect(load, [load]);

  const visible = useMemo(() => items.filter((i) => matches(i, search, status)), [items, search, status]);
  const authority = reference.data?.reference.authorities.find((a) => a.code === session.user?.authorityCode);
  const title = scope === 'city' ? `${authority?.name ?? ''}申报审核` : '全省申报情况';

  if (error) return <LoadFailure message={error.message} onRetry={load} />;
  return (
    <div className="review-page">
      <div className="page-heading">
        <Typography.Title level={3} className="page-title">
          {title}
        </Typography.Title>
        <Typography.Text type="secondary">
          {scope === 'city' ? '本地区平台运营单位的申报，逐项审核后推荐。' : '各省辖市、济源示范区受理的全部申报。'}
        </Typography.Text>
      </div>
      <Card size="small">
        <Space wrap className="table-filters">
          <Input.Search
            allowClear
            placeholder="按平台名称或运营单位搜索"
            className="search-input"
            onSearch={setSearch}
            onChange={(e) => setSearch(e.target.value)}
          />
          <Select value={status} onChange={setStatus} options={statusFilterOptions} className="status-select" aria-label="状态筛选" />
          <Typography.Text type="secondary">
            {visible.length} / {items.length} 份
          </Typography.Text>
        </Space>
        <ApplicationsTable items={visible} loading={loading} showAuthority={scope === 'province'} onOpen={setOpened} />
      </Card>
      {reference.data && (
        <ApplicationDrawer
          applicationId={opened?.id ?? null}
          title={opened ? `${opened.platformName || opened.unitName}` : ''}
          reference={reference.data}
          onClose={() => setOpened(null)}
        />
      )}
    </div>
  );
}
