import { Button, Card, Grid, Spin, Table, Tag, Typography, type TableColumnsType } from 'antd';
import {
  reviewDecisionLabels,
  scoreMetrics,
  scoreSheetStatusLabels,
  type AggregatedApplicationView,
  type RoundScoresView,
  type ScoreMetric,
} from '#contract';
import { formatDateTime } from '../common/format';
import { applicationTitle } from './DecisionDialog';
import type { SheetRef } from './SheetHistoryDrawer';

type Row = AggregatedApplicationView;
export type SortOrder = 'asc' | 'desc';

/** A range of the submitted totals at or above this many points is marked as a disagreement. */
export const DISAGREEMENT_RANGE = 20;

const METRICS = Object.keys(scoreMetrics) as ScoreMetric[];
const STATUS_COLORS = { draft: 'orange', submitted: 'success' } as const;

/** Places by the mean of the submitted totals, highest first (ties by id, as in the 汇总表); none without a mean. */
function ranksByMean(rows: readonly Row[]): Map<string, number> {
  const ranked = rows
    .filter((r) => r.statistics.mean !== null)
    .sort(
      (x, y) =>
        y.statistics.mean! - x.statistics.mean! ||
        (x.applicationId < y.applicationId ? -1 : x.applicationId > y.applicationId ? 1 : 0),
    );
  return new Map(ranked.map((r, i) => [r.applicationId, i + 1]));
}

/** Whether the province may decide now: every drawn expert submitted, or the round closed with a submitted sheet. */
export const decidable = (row: Row, roundStatus: string) =>
  row.allSubmitted || (roundStatus === 'closed' && row.statistics.count > 0);

interface Actions {
  onHistory: (sheet: SheetRef) => void;
  onReopen: (sheet: SheetRef) => void;
  onDecide: (row: Row) => void;
}

function ApplicationCell({ row }: { row: Row }) {
  return (
    <div className="results-application">
      <Typography.Text type="secondary">
        {[row.label, row.groupNumber === null ? null : `第${row.groupNumber}组`].filter(Boolean).join(' · ')}
      </Typography.Text>
      <Typography.Text strong>{row.unitName}</Typography.Text>
      <Typography.Text>{row.platformName}</Typography.Text>
    </div>
  );
}

/** Every drawn expert's raw total and sheet status; the history, and 退回 of a submitted sheet while the round is open. */
function ScoresCell({ row, open, onHistory, onReopen }: { row: Row; open: boolean } & Omit<Actions, 'onDecide'>) {
  const name = row.label ?? row.unitName;
  return (
    <ul className="results-scores">
      {row.scores.map((s) => {
        const sheet: SheetRef = {
          applicationId: row.applicationId,
          expertId: s.expertId,
          expertName: s.expertName,
          title: applicationTitle(row),
        };
        return (
          <li key={s.expertId} data-testid="results-score">
            <span className="results-score-name">{s.expertName}</span>
            <span className="results-score-total">{s.total === null ? '—' : `${s.total}分`}</span>
            <Tag color={s.status ? STATUS_COLORS[s.status] : 'default'}>
              {s.status ? scoreSheetStatusLabels[s.status] : '未评分'}
            </Tag>
            {s.status && (
              <Button
                type="link"
                size="small"
                className="results-score-action"
                aria-label={`${s.expertName}对${name}的评分变更记录`}
                onClick={() => onHistory(sheet)}
              >
                记录
              </Button>
            )}
            {s.submitted && open && (
              <Button
                type="link"
                size="small"
                danger
                className="results-score-action"
                aria-label={`退回${s.expertName}对${name}的评分表`}
                onClick={() => onReopen(sheet)}
              >
                退回
              </Button>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function MetricValue({ row, metric }: { row: Row; metric: ScoreMetric }) {
  const value = row.statistics[metric];
  if (metric === 'range' && value !== null && value >= DISAGREEMENT_RANGE)
    return (
      <span className="results-disagreement" data-testid="results-disagreement">
        {value}
        <span className="results-disagreement-label">分歧较大</span>
      </span>
    );
  return <>{value ?? '—'}</>;
}

function VerdictCell({ row }: { row: Row }) {
  if (!row.verdict) return <Typography.Text type="secondary">暂无已提交的评分</Typography.Text>;
  return (
    <div data-testid="results-verdict" className={row.verdict.passed ? 'results-passed' : 'results-failed'}>
      {row.verdict.direct && <Tag color="success">直通</Tag>}
      {row.verdict.reason}
    </div>
  );
}

function DecisionCell({ row, ready, onDecide }: { row: Row; ready: boolean; onDecide: (row: Row) => void }) {
  const d = row.decision;
  return (
    <div className="results-decision" data-testid="results-decision">
      {d && (
        <>
          <Tag color={d.decision === 'recommend' ? 'success' : 'error'}>{reviewDecisionLabels[d.decision]}</Tag>
          {d.reason && <div className="results-note">{d.reason}</div>}
          <div className="results-note">{`${d.decidedBy} · ${formatDateTime(d.decidedAt)}`}</div>
        </>
      )}
      <Button
        size="small"
        type={d ? 'default' : 'primary'}
        disabled={!ready}
        aria-label={`${d ? '修改结论' : '作出结论'}：${row.label ?? row.unitName}`}
        onClick={() => onDecide(row)}
      >
        {d ? '修改结论' : '作出结论'}
      </Button>
      {!ready && (
        <div className="results-note">{row.statistics.count === 0 ? '尚无已提交的评分' : '尚有专家未提交评分'}</div>
      )}
    </div>
  );
}

interface ResultsTableProps extends Actions {
  view: RoundScoresView;
  loading: boolean;
  onSort: (metric: ScoreMetric, order: SortOrder) => void;
}

/** On a phone: one card per application, in the server's order, with the same parts as the table's row. */
function ResultCards({
  view,
  loading,
  ranks,
  ...actions
}: Omit<ResultsTableProps, 'onSort'> & { ranks: Map<string, number> }) {
  const open = view.status === 'open';
  return (
    <Spin spinning={loading}>
      <div className="results-cards">
        {view.applications.map((row) => (
          <Card
            key={row.applicationId}
            size="small"
            className="results-card"
            data-row-key={row.applicationId}
            title={`第${ranks.get(row.applicationId) ?? '—'}名（按平均分）`}
          >
            <ApplicationCell row={row} />
            <ScoresCell row={row} open={open} {...actions} />
            <dl className="results-card-metrics">
              {METRICS.map((metric) => (
                <div key={metric} className={metric === view.sort ? 'results-card-sorted' : undefined}>
                  <dt>{scoreMetrics[metric]}</dt>
                  <dd>
                    <MetricValue row={row} metric={metric} />
                  </dd>
                </div>
              ))}
            </dl>
            <VerdictCell row={row} />
            <DecisionCell row={row} ready={decidable(row, view.status)} onDecide={actions.onDecide} />
          </Card>
        ))}
      </div>
    </Spin>
  );
}

/**
 * The province's aggregation of a round: each application with its identity, every drawn expert's raw total and
 * sheet status, the statistics of the submitted totals (sortable on the server), the pass rule's verdict and the
 * decision. Sheets open their history and, while the round is open, can be returned to the expert. A table on a
 * desk (its statistics' headers sort too), cards on a phone.
 */
export function ResultsTable({ view, loading, onSort, ...actions }: ResultsTableProps) {
  const ranks = ranksByMean(view.applications);
  const wide = Grid.useBreakpoint().md ?? true;
  if (!wide) return <ResultCards view={view} loading={loading} ranks={ranks} {...actions} />;
  const open = view.status === 'open';

  const metricColumns: TableColumnsType<Row> = METRICS.map((metric) => ({
    title: scoreMetrics[metric],
    key: metric,
    width: metric === 'trimmedMean' ? 96 : 80,
    align: 'right',
    sorter: true,
    // Never unsorted: the server always sorts by one statistic.
    sortDirections: ['descend', 'ascend', 'descend'],
    sortOrder: view.sort === metric ? (view.order === 'asc' ? 'ascend' : 'descend') : null,
    render: (_, row) => <MetricValue row={row} metric={metric} />,
  }));

  const columns: TableColumnsType<Row> = [
    {
      title: '名次',
      key: 'rank',
      width: 52,
      align: 'center',
      render: (_, row) => ranks.get(row.applicationId) ?? '—',
    },
    { title: '申报', key: 'application', width: 210, render: (_, row) => <ApplicationCell row={row} /> },
    {
      title: '专家评分（原始总分）',
      key: 'scores',
      width: 270,
      render: (_, row) => <ScoresCell row={row} open={open} {...actions} />,
    },
    ...metricColumns,
    { title: '合格判定', key: 'verdict', width: 160, render: (_, row) => <VerdictCell row={row} /> },
    {
      title: '评审结论',
      key: 'decision',
      width: 160,
      render: (_, row) => <DecisionCell row={row} ready={decidable(row, view.status)} onDecide={actions.onDecide} />,
    },
  ];

  return (
    <Table<Row>
      className="results-table"
      size="small"
      bordered
      rowKey="applicationId"
      loading={loading}
      dataSource={view.applications}
      columns={columns}
      pagination={false}
      scroll={{ x: 1270 }}
      locale={{ emptyText: '本轮没有评审的申报' }}
      showSorterTooltip={false}
      onChange={(_pagination, _filters, sorter) => {
        const { columnKey, order } = Array.isArray(sorter) ? (sorter[0] ?? {}) : sorter;
        if (typeof columnKey === 'string' && (METRICS as string[]).includes(columnKey))
          onSort(columnKey as ScoreMetric, order === 'ascend' ? 'asc' : 'desc');
      }}
    />
  );
}
