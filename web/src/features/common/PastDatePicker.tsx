import { DatePicker, type DatePickerProps } from 'antd';
import dayjs from 'dayjs';

/** A calendar day up to today (registration, a check, a talk), shown as 2022年11月22日; inside a Form.Item. */
export function PastDatePicker(props: DatePickerProps) {
  return (
    <DatePicker
      format="YYYY年M月D日"
      className="full-width"
      disabledDate={(d) => d.isAfter(dayjs(), 'day')}
      {...props}
    />
  );
}
