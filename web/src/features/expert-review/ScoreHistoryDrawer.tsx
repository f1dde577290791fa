import { HistoryOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Drawer, Empty, Grid, Spin, Tag, Typography } from 'antd';
import { useState } from 'react';
import { scoreHistoryActionLabels, type Rubric, type ScoreHistory } from '#contract';
import { expertReviewKeys, scoreSheetApi } from '../../api/expert-review-api';
import { formatDateTime } from '../common/format';
import { rubricItems, valueText } from './ScoreDraft';

type Version = ScoreHistory['versions'][number];

const ACTION_COLORS: Record<Version['action'], string> = { saved: 'default', submitted: 'success', reopened: 'orange' };

/** The items a version answered (points, tier or remark), and how many it left open. */
function VersionEntries({ rubric, version }: { rubric: Rubric; version: Version }) {
  const byKey = new Map(version.entries.map((e) => [e.itemKey, e]));
  const lines: { key: string; text: string }[] = [];
  let open = 0;
  for (const { item } of rubricItems(rubric)) {
    const e = byKey.get(item.key);
    const remark = e?.remark ?? '';
    const remarkOnly = !item.scored && !('choices' in item);
    const value = remarkOnly ? '' : valueText(item, { points: e?.points ?? null, choiceKey: e?.choiceKey ?? null });
    const answered = remarkOnly ? remark !== '' : value !== '未评';
    if (!answered && remark === '') {
      open += 1;
      continue;
    }
    const parts = [value, remark].filter((p) => p !== '');
    lines.push({ key: item.key, text: `${item.label}：${parts.join('；')}` });
  }
  return (
    <ul className="score-history-entries">
      {lines.map((l) => (
        <li key={l.key}>{l.text}</li>
      ))}
      {open > 0 && <li>{`未评${open}项`}</li>}
    </ul>
  );
}

/** Every version of a sheet, oldest first: who, when, the action, the total, the entries, a 退回 reason. */
export function ScoreHistoryList({ rubric, history }: { rubric: Rubric; history: ScoreHistory }) {
  if (history.versions.length === 0) return <Empty description="尚未保存过评分" />;
  return (
    // Focusable so that the drawer's scrolling body can be read with the keyboard.
    <ol className="score-history" data-testid="sheet-history" tabIndex={0} aria-label="评分表各版本">
      {history.versions.map((v) => (
        <li key={v.version} className="score-history-version" data-testid="sheet-history-version">
          <div className="score-history-head">
            <Typography.Text strong>{`第${v.version}版`}</Typography.Text>
            <Tag color={ACTION_COLORS[v.action]}>{scoreHistoryActionLabels[v.action]}</Tag>
            <span>{`${v.by} · ${formatDateTime(v.at)}`}</span>
            <span>{`总分 ${v.total}分`}</span>
          </div>
          {v.reason && <div className="score-history-reason">{`退回理由：${v.reason}`}</div>}
          <VersionEntries rubric={rubric} version={v} />
          {v.opinion && <div className="pre-wrap">{`总体意见：${v.opinion}`}</div>}
        </li>
      ))}
    </ol>
  );
}

/** 变更记录: every version of the expert's sheet, oldest first, with who, when, the total and the entries. */
export function ScoreHistoryDrawer({ roundId, label, rubric }: { roundId: string; label: string; rubric: Rubric }) {
  const [open, setOpen] = useState(false);
  const wide = Grid.useBreakpoint().md ?? true;
  const history = useQuery({
    queryKey: expertReviewKeys.sheetHistory(roundId, label),
    queryFn: ({ signal }) => scoreSheetApi.history(roundId, label, signal),
    enabled: open,
    staleTime: 0,
  });
  return (
    <>
      <Button icon={<HistoryOutlined />} onClick={() => setOpen(true)}>
        变更记录
      </Button>
      <Drawer
        open={open}
        onClose={() => setOpen(false)}
        title={`评分表变更记录（${label}）`}
        size={wide ? 'large' : '100%'}
        destroyOnHidden
      >
        {history.error && <Alert type="error" showIcon title={history.error.message} />}
        {!history.data && !history.error && <Spin description="正在加载变更记录…" />}
        {history.data && <ScoreHistoryList rubric={rubric} history={history.data} />}
      </Drawer>
    </>
  );
}
