import type { ThemeConfig } from 'antd';

/** A record that can no longer be changed is read, not greyed out: disabled fields keep dark text. */
export const readOnlyTheme: ThemeConfig = {
  token: { colorTextDisabled: 'rgba(0, 0, 0, 0.82)', colorBgContainerDisabled: '#f7f9fb' },
};
