import { ArrowLeftOutlined, FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Segmented, Select, Space, Spin, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import {
  scoreMetrics,
  scoreMetricSchema,
  scoreOrderSchema,
  type AggregatedApplicationView,
  type RoundScoresView,
  type ScoreMetric,
} from '#contract';
import { expertReviewKeys, reviewRoundApi, roundScoreApi } from '../api/expert-review-api';
import { TitleWithBatch, useOfficialBatch, withBatch } from '../app/officialBatch';
import { failureOf } from '../features/common/failureOf';
import { LoadFailure } from '../features/common/LoadFailure';
import { DecisionDialog } from '../features/expert-review/DecisionDialog';
import { ResultsReopenDialog } from '../features/expert-review/ResultsReopenDialog';
import { DISAGREEMENT_RANGE, ResultsTable, decidable, type SortOrder } from '../features/expert-review/ResultsTable';
import { RoundStatusTag } from '../features/expert-review/RoundStatusTag';
import { SheetHistoryDrawer, type SheetRef } from '../features/expert-review/SheetHistoryDrawer';

type Dialog =
  | { kind: 'history'; sheet: SheetRef }
  | { kind: 'reopen'; sheet: SheetRef }
  | { kind: 'decide'; application: AggregatedApplicationView }
  | null;

const metricOptions = (Object.keys(scoreMetrics) as ScoreMetric[]).map((value) => ({
  value,
  label: scoreMetrics[value],
}));
const orderOptions: { value: SortOrder; label: string }[] = [
  { value: 'desc', label: '由高到低' },
  { value: 'asc', label: '由低到高' },
];

/** How far the round has got: decided, complete, all. */
function progressText(view: RoundScoresView): string {
  const all = view.applications.length;
  const complete = view.applications.filter((a) => a.allSubmitted).length;
  const decided = view.applications.filter((a) => a.decision).length;
  return `共${all}件申报，${complete}件的专家评分已全部提交，${decided}件已作出评审结论`;
}

/** 专家评审意见汇总表: Excel and PDF, ranked by the mean, as the server prints it. */
function SummaryDownloads({ roundId }: { roundId: string }) {
  return (
    <Space wrap size={8} className="results-downloads">
      <Typography.Text type="secondary">专家评审意见汇总表：</Typography.Text>
      <Button
        icon={<FileExcelOutlined />}
        href={roundScoreApi.summaryUrl(roundId, 'xlsx', false)}
        aria-label="下载专家评审意见汇总表 Excel"
      >
        Excel
      </Button>
      <Button
        icon={<FilePdfOutlined />}
        href={roundScoreApi.summaryUrl(roundId, 'pdf', false)}
        aria-label="下载专家评审意见汇总表 PDF"
      >
        PDF
      </Button>
    </Space>
  );
}

/**
 * 评审结果 of a round (the province): the rule that decides passing and when a decision may be made, the
 * aggregation sorted by any statistic (kept in the address), each expert's sheet with its history and 退回修改,
 * the decision per application and the 专家评审意见汇总表 downloads.
 */
export function ReviewResultsPage() {
  const { roundId = '' } = useParams<{ roundId: string }>();
  const batch = useOfficialBatch();
  const queryClient = useQueryClient();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>(null);
  const sort = scoreMetricSchema.safeParse(params.get('sort')).data ?? 'mean';
  const order = scoreOrderSchema.safeParse(params.get('order')).data ?? 'desc';

  const round = useQuery({
    queryKey: expertReviewKeys.round(roundId),
    queryFn: ({ signal }) => reviewRoundApi.get(roundId, signal),
  });
  const scores = useQuery({
    queryKey: [...expertReviewKeys.scores(roundId), sort, order],
    queryFn: ({ signal }) => roundScoreApi.scores(roundId, sort, order, signal),
    placeholderData: keepPreviousData,
  });

  const sortBy = (metric: ScoreMetric, direction: SortOrder) =>
    setParams((current) => {
      current.set('sort', metric);
      current.set('order', direction);
      return current;
    });
  const refresh = () => void queryClient.invalidateQueries({ queryKey: expertReviewKeys.scores(roundId) });
  const close = () => setDialog(null);

  const loadFailure = failureOf(round) ?? failureOf(scores);
  if (loadFailure) return <LoadFailure {...loadFailure} />;
  if (!round.data || !scores.data) return <Spin size="large" className="page-spin" description="正在加载评审结果…" />;
  const view = scores.data;
  const rubric = round.data.rubric;
  const waiting = view.applications.filter((a) => !decidable(a, view.status)).length;

  return (
    <div className="review-results-page">
      <div className="page-heading">
        <Link to={withBatch(`/province/review-rounds/${roundId}`, batch)} className="back-link">
          <ArrowLeftOutlined /> 返回评审轮次
        </Link>
        <TitleWithBatch>{`评审结果：${view.title}`}</TitleWithBatch>
        <Space wrap>
          <RoundStatusTag status={round.data.status} />
          <Typography.Text type="secondary" data-testid="results-progress">
            {progressText(view)}
          </Typography.Text>
        </Space>
      </div>
      <Card size="small" className="form-card" title="合格判定与评审结论">
        <Descriptions size="small" column={1} className="results-rules">
          <Descriptions.Item label="合格判定">
            <span data-testid="results-pass-rule">{view.passRule.description}</span>
          </Descriptions.Item>
          <Descriptions.Item label="评分公式">
            <span className="pre-wrap" data-testid="results-formula">
              {view.passRule.formula}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="作出结论">
            <span data-testid="results-decision-rule">
              {waiting > 0 ? `${view.decisionRule}（目前有${waiting}件尚不能作出结论）` : view.decisionRule}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label="评分分歧">
            {`统计量只计已提交的评分；极差达到${DISAGREEMENT_RANGE}分的标为“分歧较大”，可按极差或方差排序集中查看。`}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <div className="results-toolbar">
        <Space wrap size={8}>
          <Typography.Text id="results-sort-label">排序依据</Typography.Text>
          <Select<ScoreMetric>
            aria-labelledby="results-sort-label"
            className="results-sort"
            value={sort}
            options={metricOptions}
            popupMatchSelectWidth={false}
            onChange={(metric) => sortBy(metric, order)}
          />
          <Segmented<SortOrder>
            aria-label="排序方向"
            value={order}
            options={orderOptions}
            onChange={(direction) => sortBy(sort, direction)}
          />
        </Space>
        <SummaryDownloads roundId={roundId} />
      </div>
      <ResultsTable
        view={view}
        loading={scores.isFetching && scores.isPlaceholderData}
        onSort={sortBy}
        onHistory={(sheet) => setDialog({ kind: 'history', sheet })}
        onReopen={(sheet) => setDialog({ kind: 'reopen', sheet })}
        onDecide={(application) => setDialog({ kind: 'decide', application })}
      />
      {dialog?.kind === 'history' && (
        <SheetHistoryDrawer roundId={roundId} rubric={rubric} sheet={dialog.sheet} onClose={close} />
      )}
      {dialog?.kind === 'reopen' && (
        <ResultsReopenDialog
          roundId={roundId}
          sheet={dialog.sheet}
          onClose={close}
          onDone={() => {
            close();
            refresh();
            void queryClient.invalidateQueries({
              queryKey: expertReviewKeys.provinceSheetHistory(
                roundId,
                dialog.sheet.applicationId,
                dialog.sheet.expertId,
              ),
            });
          }}
        />
      )}
      {dialog?.kind === 'decide' && (
        <DecisionDialog
          roundId={roundId}
          application={dialog.application}
          onClose={() => {
            // A refused decision may mean the scores changed meanwhile (a sheet returned): read them again.
            close();
            refresh();
          }}
          onDone={() => {
            close();
            refresh();
          }}
        />
      )}
    </div>
  );
}
