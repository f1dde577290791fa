import { Form, Input, Typography } from 'antd';
import { roundScoreApi } from '../../api/expert-review-api';
import { FormDialog } from '../common/FormDialog';
import type { SheetRef } from './SheetHistoryDrawer';

/** 退回修改: a submitted sheet goes back to its expert as a draft, with the province's reason kept in its history. */
export function ResultsReopenDialog({
  roundId,
  sheet,
  onClose,
  onDone,
}: {
  roundId: string;
  sheet: SheetRef;
  onClose: () => void;
  onDone: () => void;
}) {
  return (
    <FormDialog<{ reason: string }>
      title={`退回修改：${sheet.expertName}的评分表`}
      okText="退回"
      danger
      name="reopen-sheet"
      intro={
        <Typography.Paragraph>
          {`${sheet.title}。退回后该评分表成为草稿，${sheet.expertName}修改后重新提交；退回理由记入评分表的变更记录，专家可见。`}
        </Typography.Paragraph>
      }
      action={(v) => roundScoreApi.reopen(roundId, sheet.applicationId, sheet.expertId, v.reason.trim())}
      success="评分表已退回专家修改"
      onClose={onClose}
      onDone={onDone}
      fields={['reason']}
    >
      <Form.Item
        name="reason"
        label="退回理由"
        rules={[{ required: true, whitespace: true, message: '请填写退回理由' }]}
      >
        <Input.TextArea rows={3} maxLength={500} showCount />
      </Form.Item>
    </FormDialog>
  );
}
