import { SaveOutlined, SendOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Space, Spin, Tag, Typography } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { scoreSheetStatusLabels, type ScoreEntry, type ScoreSheetView } from '#contract';
import { ApiError } from '../../api/client';
import { expertReviewKeys, scoreSheetApi } from '../../api/expert-review-api';
import { formatDateTime } from '../common/format';
import { RefusalAlert } from '../common/RefusalAlert';
import { refusalOf, type Refusal } from '../common/refusal';
import { PeerScoresCard } from './PeerScoresCard';
import { ScoreCalculation } from './ScoreCalculation';
import {
  changedItems,
  draftOf,
  entriesOf,
  errorsByItem,
  itemDraftOf,
  previewTotal,
  rubricItems,
  sameDraft,
  type ItemDraft,
  type SheetDraft,
} from './ScoreDraft';
import { ScoreHistoryDrawer } from './ScoreHistoryDrawer';
import { ScoreItemRow } from './ScoreItemRow';

const SUBMIT_NOTICE = '提交后不能修改，如需修改须由省级主管部门退回';

interface Problems {
  items: Map<string, string[]>;
  opinion: string[];
}
const NO_PROBLEMS: Problems = { items: new Map(), opinion: [] };

function StatusLine({ sheet }: { sheet: ScoreSheetView }) {
  const submitted = sheet.status === 'submitted';
  let when = '尚未保存';
  if (submitted) when = `提交于${formatDateTime(sheet.submittedAt)}`;
  else if (sheet.updatedAt) when = `第${sheet.version}版，保存于${formatDateTime(sheet.updatedAt)}`;
  return (
    <Space wrap className="score-sheet-status">
      <Tag color={submitted ? 'success' : 'processing'} data-testid="sheet-status">
        {scoreSheetStatusLabels[sheet.status]}
      </Tag>
      <Typography.Text type="secondary" data-testid="sheet-status-time">
        {when}
      </Typography.Text>
    </Space>
  );
}

/**
 * The editor of one sheet: the draft typed on a version, saved as a compare-and-set. A save another tab made first
 * (409, or a newer version seen on reloading) is said plainly; loading the latest keeps what was typed beside each
 * item. Submission asks for confirmation, and only with every item answered.
 */
function SheetEditor({ roundId, label, latest }: { roundId: string; label: string; latest: ScoreSheetView }) {
  const queryClient = useQueryClient();
  const { message, modal } = App.useApp();
  const [base, setBase] = useState(latest);
  const [draft, setDraft] = useState<SheetDraft>(() => draftOf(latest));
  const [problems, setProblems] = useState<Problems>(NO_PROBLEMS);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [unsaved, setUnsaved] = useState<SheetDraft | null>(null);
  const [showMissing, setShowMissing] = useState(false);
  const [attention, setAttention] = useState(0);
  const noticeRef = useRef<HTMLDivElement>(null);
  const sheetRef = useRef<HTMLDivElement>(null);

  const rubric = base.rubric;
  const readOnly = base.status === 'submitted';
  const dirty = !sameDraft(rubric, draft, draftOf(base));
  const newerElsewhere = latest.version !== base.version;

  /** The server's view is the truth: the form shows it and the next save is made on its version. */
  const accept = (view: ScoreSheetView) => {
    queryClient.setQueryData(expertReviewKeys.sheet(roundId, label), view);
    setBase(view);
    setDraft(draftOf(view));
    setProblems(NO_PROBLEMS);
    setRefusal(null);
    setConflict(null);
    if (view.missing.length === 0) setShowMissing(false);
  };

  // A newer version fetched in the background replaces a form with nothing typed.
  if (newerElsewhere && !dirty && conflict === null) {
    setBase(latest);
    setDraft(draftOf(latest));
  }

  // After a refusal: the first item marked, or else the notice, brought into view.
  useEffect(() => {
    if (attention === 0) return;
    const invalid = sheetRef.current?.querySelector('.score-item-invalid');
    (invalid ?? noticeRef.current)?.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }, [attention]);

  const refused = (error: unknown, sent: readonly ScoreEntry[]) => {
    if (error instanceof ApiError && error.status === 409) {
      setConflict(error.message);
      setAttention((n) => n + 1);
      return;
    }
    if (error instanceof ApiError && error.status === 400 && error.body.errors?.length) {
      const found = errorsByItem(error.body.errors, sent);
      setProblems({ items: found.items, opinion: found.opinion });
      const named = rubricItems(rubric).flatMap(({ item, name }) =>
        (found.items.get(item.key) ?? []).map((m) => (m.startsWith(name) ? m : `${name}：${m}`)),
      );
      const lines = [...named, ...found.opinion.map((m) => `总体评审意见：${m}`), ...found.rest];
      setRefusal({ code: error.code, title: '评分表未保存，请修改标出的内容', message: lines.join('；') });
    } else {
      setRefusal(refusalOf(error));
    }
    setAttention((n) => n + 1);
  };

  const save = useMutation({
    mutationFn: (input: { version: number; entries: ScoreEntry[]; opinion: string }) =>
      scoreSheetApi.save(roundId, label, input),
  });
  const submit = useMutation({ mutationFn: (version: number) => scoreSheetApi.submit(roundId, label, version) });

  const saveDraft = async (): Promise<ScoreSheetView | null> => {
    const entries = entriesOf(rubric, draft);
    setRefusal(null);
    try {
      const view = await save.mutateAsync({ version: draft.version, entries, opinion: draft.opinion.trim() });
      accept(view);
      message.success(`已保存（第${view.version}版）`);
      return view;
    } catch (error) {
      refused(error, entries);
      return null;
    }
  };

  const reload = async () => {
    const fresh = await queryClient.fetchQuery({
      queryKey: expertReviewKeys.sheet(roundId, label),
      queryFn: ({ signal }) => scoreSheetApi.get(roundId, label, signal),
      staleTime: 0,
    });
    const typed = draft;
    accept(fresh);
    setUnsaved(sameDraft(fresh.rubric, typed, draftOf(fresh)) ? null : typed);
  };

  const confirmSubmit = (view: ScoreSheetView) =>
    modal.confirm({
      title: '确认提交评分？',
      content: `${SUBMIT_NOTICE}。本表总分${view.total}分。`,
      okText: '提交',
      cancelText: '再看看',
      onOk: async () => {
        try {
          accept(await submit.mutateAsync(view.version));
          setUnsaved(null);
          message.success('评分已提交');
        } catch (error) {
          refused(error, []);
          if (error instanceof ApiError && error.status === 400) setShowMissing(true);
        }
      },
    });

  const startSubmit = async () => {
    const view = dirty || draft.version === 0 ? await saveDraft() : base;
    if (!view) return;
    if (view.missing.length > 0) {
      setShowMissing(true);
      setAttention((n) => n + 1);
      return;
    }
    confirmSubmit(view);
  };

  const setItem = (itemKey: string, value: ItemDraft) => {
    setDraft((d) => ({ ...d, items: { ...d.items, [itemKey]: value } }));
    if (problems.items.has(itemKey)) {
      const items = new Map(problems.items);
      items.delete(itemKey);
      setProblems({ ...problems, items });
    }
  };

  const differing = new Set(unsaved ? changedItems(rubric, unsaved, draft) : []);
  const located = rubricItems(rubric);
  const busy = save.isPending || submit.isPending;

  return (
    <>
      <Card
        ref={sheetRef}
        size="small"
        className="form-card score-sheet"
        data-testid="score-sheet"
        title={`评分表：${rubric.title}`}
        extra={<ScoreHistoryDrawer roundId={roundId} label={label} rubric={rubric} />}
      >
        <StatusLine sheet={base} />
        {readOnly && (
          <Alert type="info" showIcon className="score-sheet-notice" title={`评分表已提交。${SUBMIT_NOTICE}。`} />
        )}
        {rubric.categories.map((category, c) => (
          <section key={category.key} className="score-category" aria-labelledby={`score-category-${category.key}`}>
            <h2 className="score-category-title" id={`score-category-${category.key}`}>
              {`第${c + 1}类 ${category.label}`}
              {'minimum' in category && category.minimum !== null && `（不低于${category.minimum}分）`}
            </h2>
            <ol className="score-items">
              {located
                .filter((l) => l.categoryIndex === c)
                .map((l) => (
                  <ScoreItemRow
                    key={l.item.key}
                    rubric={rubric}
                    located={l}
                    value={itemDraftOf(draft, l.item.key)}
                    onChange={(value) => setItem(l.item.key, value)}
                    errors={problems.items.get(l.item.key) ?? []}
                    readOnly={readOnly}
                    unsaved={unsaved && differing.has(l.item.key) ? itemDraftOf(unsaved, l.item.key) : null}
                  />
                ))}
            </ol>
          </section>
        ))}
        <div className="score-opinion">
          <h2 className="score-category-title" id="score-opinion-title">
            总体评审意见
          </h2>
          {readOnly ? (
            <div className="pre-wrap" data-testid="sheet-opinion">
              {base.opinion || '（未填写）'}
            </div>
          ) : (
            <Input.TextArea
              aria-labelledby="score-opinion-title"
              aria-invalid={problems.opinion.length > 0}
              status={problems.opinion.length > 0 ? 'error' : undefined}
              autoSize={{ minRows: 3, maxRows: 12 }}
              maxLength={4000}
              showCount
              value={draft.opinion}
              onChange={(e) => setDraft((d) => ({ ...d, opinion: e.target.value }))}
            />
          )}
          {problems.opinion.length > 0 && <div className="score-item-error">{problems.opinion.join('；')}</div>}
          {unsaved && unsaved.opinion.trim() !== draft.opinion.trim() && (
            <div className="score-item-unsaved">{`您未保存的填写：${unsaved.opinion.trim() || '（空）'}`}</div>
          )}
        </div>
        <ScoreCalculation sheet={base} preview={dirty && !readOnly ? previewTotal(rubric, draft) : undefined} />
        <div ref={noticeRef} className="score-sheet-notices">
          {(conflict !== null || (newerElsewhere && dirty)) && (
            <Alert
              type="warning"
              showIcon
              data-testid="sheet-conflict"
              title="评分表已在其他窗口或设备上修改，本页的填写未保存"
              description={
                <>
                  <div>{conflict ?? `系统中已有更新的第${latest.version}版。`}</div>
                  <div>载入最新版本后，您在本页的填写会显示在各评分项下方，可对照后重新填写并保存。</div>
                </>
              }
              action={
                <Button size="small" type="primary" onClick={() => void reload()}>
                  载入最新版本
                </Button>
              }
            />
          )}
          {unsaved && !readOnly && (
            <Alert
              type="info"
              showIcon
              data-testid="sheet-unsaved"
              title={`已载入最新的第${base.version}版；您未保存的填写显示在各项下方`}
              action={
                <Space wrap>
                  <Button
                    size="small"
                    onClick={() => {
                      setDraft({ ...unsaved, version: base.version });
                      setUnsaved(null);
                    }}
                  >
                    改用我的填写
                  </Button>
                  <Button size="small" onClick={() => setUnsaved(null)}>
                    不再显示
                  </Button>
                </Space>
              }
            />
          )}
          {showMissing && base.missing.length > 0 && (
            <Alert
              type="warning"
              showIcon
              data-testid="sheet-missing"
              title={`还有${base.missing.length}项未评，不能提交`}
              description={
                <ul className="score-missing">
                  {base.missing.map((m) => (
                    <li key={m.itemKey}>{m.name}</li>
                  ))}
                </ul>
              }
            />
          )}
          {refusal && <RefusalAlert refusal={refusal} onClose={() => setRefusal(null)} />}
        </div>
        {!readOnly && (
          <div className="score-sheet-actions">
            <Button
              icon={<SaveOutlined />}
              type={dirty ? 'primary' : 'default'}
              loading={save.isPending}
              disabled={busy || conflict !== null}
              onClick={() => void saveDraft()}
            >
              保存
            </Button>
            <Button icon={<SendOutlined />} disabled={busy || conflict !== null} onClick={() => void startSubmit()}>
              提交评分
            </Button>
            <Typography.Text type="secondary">
              {dirty ? '有未保存的修改' : `已保存的总分 ${base.total}分`}
            </Typography.Text>
          </div>
        )}
      </Card>
      <PeerScoresCard roundId={roundId} label={label} submitted={readOnly} />
    </>
  );
}

/** 评分 on the expert's material page: the sheet of this application, its calculation, history and the others' totals. */
export function ScoreSheetForm({ roundId, label }: { roundId: string; label: string }) {
  const sheet = useQuery({
    queryKey: expertReviewKeys.sheet(roundId, label),
    queryFn: ({ signal }) => scoreSheetApi.get(roundId, label, signal),
    retry: false,
  });
  if (sheet.error && !sheet.data)
    return (
      <Alert
        type="error"
        showIcon
        className="form-card"
        title="评分表不能打开"
        description={sheet.error.message}
        action={
          <Button size="small" onClick={() => void sheet.refetch()}>
            重试
          </Button>
        }
      />
    );
  if (!sheet.data) return <Spin className="page-spin" description="正在加载评分表…" />;
  return <SheetEditor key={`${roundId}/${label}`} roundId={roundId} label={label} latest={sheet.data} />;
}
