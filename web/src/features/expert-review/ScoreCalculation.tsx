import { Alert, Descriptions, Grid, Tag, Typography } from 'antd';
import type { ScoreSheetView } from '#contract';

interface ScoreCalculationProps {
  sheet: ScoreSheetView;
  /** The total of what is typed but not saved yet (null: a figure the server will refuse); absent when saved. */
  preview: number | null | undefined;
}

function CategoryTotals({ sheet }: { sheet: ScoreSheetView }) {
  // Categories without a scored item (专家意见, 直通条件) have no subtotal to show.
  const scoring = new Set(sheet.rubric.categories.filter((c) => c.items.some((i) => i.scored)).map((c) => c.key));
  return (
    <ul className="score-categories" data-testid="score-categories">
      {sheet.categories
        .filter((c) => scoring.has(c.key))
        .map((c) => {
          const below = c.minimum !== null && c.subtotal < c.minimum;
          return (
            <li key={c.key}>
              <span>{`${c.label}：${c.subtotal}分`}</span>
              {c.minimum !== null && (
                <Tag color={below ? 'orange' : 'success'}>{`${below ? '低于' : '达到'}最低要求${c.minimum}分`}</Tag>
              )}
            </li>
          );
        })}
    </ul>
  );
}

/**
 * The rubric's formula and this sheet's numbers as the server computed them at the last save (subtotals by
 * category with their minimums, the verdict), and while typing a preview of the total.
 */
export function ScoreCalculation({ sheet, preview }: ScoreCalculationProps) {
  const wide = Grid.useBreakpoint().md ?? true;
  return (
    <div className="score-calculation" data-testid="sheet-calculation">
      <Descriptions size="small" column={1} bordered layout={wide ? 'horizontal' : 'vertical'}>
        <Descriptions.Item label="计分公式">
          <span data-testid="sheet-formula">{sheet.formula}</span>
        </Descriptions.Item>
        <Descriptions.Item label={sheet.version === 0 ? '计算' : `计算（第${sheet.version}版）`}>
          <span className="score-calculation-text" data-testid="sheet-calculation-text">
            {sheet.calculation}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="分类得分">
          <CategoryTotals sheet={sheet} />
        </Descriptions.Item>
        <Descriptions.Item label="总分">
          <Typography.Text strong className="score-total" data-testid="sheet-total">
            {`${sheet.total}分`}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label="结论">
          <span data-testid="sheet-verdict">
            {sheet.verdict ? (
              <>
                <Tag color={sheet.verdict.passed ? 'success' : 'orange'}>
                  {sheet.verdict.passed ? (sheet.verdict.direct ? '直通' : '通过') : '未通过'}
                </Tag>
                {sheet.verdict.reason}
              </>
            ) : (
              `尚有${sheet.missing.length}项未评，全部评完后显示结论`
            )}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {preview !== undefined && (
        <Alert
          type="info"
          showIcon
          className="score-preview"
          data-testid="sheet-preview"
          title={
            preview === null
              ? '有得分超出范围或多于2位小数，保存时系统将指出具体评分项'
              : `按当前填写，总分预计为${preview}分（未保存；保存后以系统计算为准）`
          }
        />
      )}
    </div>
  );
}
