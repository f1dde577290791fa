import { useQuery } from '@tanstack/react-query';
import { Alert, Drawer, Grid, Spin } from 'antd';
import type { Rubric } from '#contract';
import { expertReviewKeys, roundScoreApi } from '../../api/expert-review-api';
import { ScoreHistoryList } from './ScoreHistoryDrawer';

export interface SheetRef {
  applicationId: string;
  expertId: string;
  expertName: string;
  /** The application as the province names it: label and unit. */
  title: string;
}

/** The province reads every version of one expert's sheet: action, who, when, total, 退回 reason, entries. */
export function SheetHistoryDrawer({
  roundId,
  rubric,
  sheet,
  onClose,
}: {
  roundId: string;
  rubric: Rubric;
  sheet: SheetRef;
  onClose: () => void;
}) {
  const wide = Grid.useBreakpoint().md ?? true;
  const history = useQuery({
    queryKey: expertReviewKeys.provinceSheetHistory(roundId, sheet.applicationId, sheet.expertId),
    queryFn: ({ signal }) => roundScoreApi.history(roundId, sheet.applicationId, sheet.expertId, signal),
    staleTime: 0,
  });
  return (
    <Drawer
      open
      onClose={onClose}
      title={`${sheet.expertName}的评分表变更记录（${sheet.title}）`}
      size={wide ? 'large' : '100%'}
      destroyOnHidden
    >
      {history.error && <Alert type="error" showIcon title={history.error.message} />}
      {!history.data && !history.error && <Spin description="正在加载变更记录…" />}
      {history.data && <ScoreHistoryList rubric={rubric} history={history.data} />}
    </Drawer>
  );
}
