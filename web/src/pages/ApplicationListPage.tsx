import { SendOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Card, Input, Select, Space, Typography } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useNavigate, useSearchParams } from 'react-router-dom';
import { channels, type ApplicationSortKey, type Channel, type CityPackageView } from '#contract';
import type { ApplicationFilterValues } from '../api/endpoints';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { queries } from '../app/queries';
import { useSession } from '../app/session';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { PackageStateTag } from '../features/package/PackageStateTag';
import { QuotaUse } from '../features/package/QuotaUse';
import { useReferenceData } from '../features/reference/useReferenceData';
import { ApplicationsTable, NewCount, StatusCounts, statusFilterOptions } from '../features/review/ApplicationsTable';

/** What the address keeps of the list: its filters and the page (a changed filter goes back to page 1). */
const FILTER_KEYS = ['status', 'channel', 'category', 'authorityCode', 'q', 'sort', 'order', 'page'] as const;

const channelOptions = [
  { value: '', label: '全部渠道' },
  ...(Object.keys(channels) as Channel[]).map((c) => ({ value: c, label: channels[c] })),
];

function CityPackageLine({ pkg }: { pkg: CityPackageView }) {
  const navigate = useNavigate();
  const batch = useOfficialBatch();
  return (
    <Space wrap size="middle" className="package-line">
      <QuotaUse used={pkg.quota.used} limit={pkg.quota.limit} />
      <span>
        推荐材料 <PackageStateTag state={pkg.state} />
      </span>
      <Button size="small" icon={<SendOutlined />} onClick={() => navigate(withBatch('/city/package', batch))}>
        推荐材料报送
      </Button>
    </Space>
  );
}

/** The city's queue (its own authority, 航空港区 included at 郑州) or every application in the province. */
export function ApplicationListPage({ scope }: { scope: 'city' | 'province' }) {
  const { session } = useSession();
  const reference = useReferenceData();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const filters = useMemo(
    () => Object.fromEntries(FILTER_KEYS.map((k) => [k, params.get(k) ?? ''])) as Required<ApplicationFilterValues>,
    [params],
  );
  const batch = useOfficialBatch();
  const [typed, setTyped] = useState(filters.q);
  const list = useQuery({
    ...queries.applicationList({ ...filters, batch: batch ?? '' }),
    placeholderData: keepPreviousData,
  });
  const items = list.data?.items ?? [];
  const cityPackage = useQuery({ ...queries.cityPackage(batch), enabled: scope === 'city' }).data;

  const setFilter = useCallback(
    (key: (typeof FILTER_KEYS)[number], value: string) => {
      setParams(
        (current) => {
          const next = new URLSearchParams(current);
          if (value) next.set(key, value);
          else next.delete(key);
          if (key !== 'page') next.delete('page');
          return next;
        },
        { replace: true },
      );
    },
    [setParams],
  );

  /** Searching follows the typing after a short pause, without a request per key. */
  useEffect(() => {
    if (typed === filters.q) return;
    const timer = window.setTimeout(() => setFilter('q', typed.trim()), 350);
    return () => window.clearTimeout(timer);
  }, [typed, filters.q, setFilter]);

  const categories = useMemo(
    () => [...new Set(reference.data?.batches.flatMap((b) => b.config.categories) ?? [])],
    [reference.data],
  );
  const authorities = reference.data?.reference.authorities ?? [];
  const authority = authorities.find((a) => a.code === session.user?.authorityCode);
  const title = scope === 'city' ? `${authority?.name ?? ''}申报审核` : '全省申报';
  const base = scope === 'city' ? '/city' : '/province';

  const loadFailure = failureOf(list);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  return (
    <div className="review-page">
      <div className="page-heading list-heading">
        <div>
          <TitleWithBatch>{title}</TitleWithBatch>
          <Typography.Text type="secondary">
            {scope === 'city'
              ? '本市（含由本市推荐的区域）平台运营单位提交的申报：逐项审核、现场核查、谈话、测评后推荐。'
              : '各省辖市、济源示范区受理的全部申报，可查看各市的审核记录。'}
          </Typography.Text>
        </div>
        {cityPackage && <CityPackageLine pkg={cityPackage} />}
      </div>
      <Card size="small">
        <Space wrap className="table-filters">
          <Input.Search
            allowClear
            placeholder="搜索平台名称、运营单位或信用代码"
            className="search-input"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onSearch={(value) => setFilter('q', value.trim())}
            aria-label="搜索"
          />
          {scope === 'province' && (
            <Select
              value={filters.authorityCode}
              onChange={(v: string) => setFilter('authorityCode', v)}
              options={[
                { value: '', label: '全部城市' },
                ...authorities
                  .filter((a) => a.code !== session.user?.authorityCode)
                  .map((a) => ({ value: a.code, label: a.name })),
              ]}
              className="filter-select"
              aria-label="城市筛选"
              showSearch={{ optionFilterProp: 'label' }}
            />
          )}
          <Select
            value={filters.status}
            onChange={(v: string) => setFilter('status', v)}
            options={statusFilterOptions}
            className="filter-select"
            aria-label="状态筛选"
          />
          <Select
            value={filters.channel}
            onChange={(v: string) => setFilter('channel', v)}
            options={channelOptions}
            className="filter-select"
            aria-label="渠道筛选"
          />
          <Select
            value={filters.category}
            onChange={(v: string) => setFilter('category', v)}
            options={[{ value: '', label: '全部类别' }, ...categories.map((c) => ({ value: c, label: c }))]}
            className="filter-select"
            aria-label="类别筛选"
          />
          <Typography.Text type="secondary" data-testid="list-count">
            {list.data?.total ?? 0} 份
          </Typography.Text>
          <NewCount count={list.data?.newCount ?? 0} />
          <StatusCounts counts={list.data?.statusCounts ?? {}} />
        </Space>
        <ApplicationsTable
          items={items}
          loading={list.isPending || list.isPlaceholderData}
          showAuthority={scope === 'province'}
          page={
            list.data ? { current: list.data.page, pageSize: list.data.pageSize, total: list.data.total } : undefined
          }
          onPage={(page) => setFilter('page', page > 1 ? String(page) : '')}
          sort={{
            key: (filters.sort || 'submittedAt') as ApplicationSortKey,
            order: (filters.order || (filters.sort && filters.sort !== 'submittedAt' ? 'asc' : 'desc')) as
              'asc' | 'desc',
          }}
          onSort={(sort) =>
            setParams(
              (current) => {
                const next = new URLSearchParams(current);
                next.delete('page');
                if (sort) {
                  next.set('sort', sort.key);
                  next.set('order', sort.order);
                } else {
                  next.delete('sort');
                  next.delete('order');
                }
                return next;
              },
              { replace: true },
            )
          }
          onOpen={(item) => navigate(withBatch(`${base}/applications/${item.id}`, batch))}
        />
      </Card>
    </div>
  );
}
