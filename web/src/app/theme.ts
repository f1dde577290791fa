import type { ThemeConfig } from 'antd';

/** Calm, official colours: a deep government blue, plain white surfaces, generous type. */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e8c',
    colorInfo: '#1f4e8c',
    colorInfoBg: '#eef4fc',
    colorInfoBorder: '#c3d5ef',
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#0f3566', headerHeight: 56, headerPadding: '0 24px', bodyBg: '#f3f5f8' },
  },
};
