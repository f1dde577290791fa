import { DatePicker } from 'antd';
import dayjs from 'dayjs';
import { beijingIso } from '../common/format';
import { beijingWallClock } from './batchForm';

interface PickerProps<T> {
  id?: string;
  value?: T;
  onChange?: (value: T) => void;
  disabled?: boolean;
}

/** A calendar date kept as YYYY-MM-DD. */
export function DayPicker({ id, value, onChange, disabled }: PickerProps<string>) {
  return (
    <DatePicker
      id={id}
      value={value ? dayjs(value) : null}
      onChange={(day) => onChange?.(day ? day.format('YYYY-MM-DD') : '')}
      disabled={disabled}
      format="YYYY-MM-DD"
      allowClear={false}
      style={{ width: 180 }}
    />
  );
}

/** A deadline: date and time to the second in Beijing time, kept as an ISO instant with +08:00. */
export function InstantPicker({
  id,
  value,
  onChange,
  disabled,
  clearable,
}: PickerProps<string | null> & { clearable?: boolean }) {
  return (
    <DatePicker
      id={id}
      showTime
      value={value ? beijingWallClock(value) : null}
      onChange={(day) => onChange?.(day ? beijingIso(day) : null)}
      disabled={disabled}
      format="YYYY-MM-DD HH:mm:ss"
      allowClear={clearable}
      placeholder={clearable ? '同市级报送截止时间' : '选择日期和时间'}
      style={{ width: 240 }}
    />
  );
}
