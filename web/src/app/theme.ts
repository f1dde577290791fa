import type { ThemeConfig } from 'antd';

/** Coloured tags write in shade 7 of their palette on shade 1; these shades reach 4.5:1 where antd's do not. */
const DARKER_TAG_TEXT = {
  orange: '#ad4e00',
  gold: '#ad6800',
  volcano: '#ad2102',
  green: '#237804',
  cyan: '#006d75',
  lime: '#3f6600',
};

/** antd keeps each palette shade under two names (`orange7`, `orange-7`), both written to the same CSS variable. */
const tagTextColors = Object.fromEntries(
  Object.entries(DARKER_TAG_TEXT).flatMap(([color, shade]) => [
    [`${color}7`, shade],
    [`${color}-7`, shade],
  ]),
);

/**
 * Calm, official colours: a deep government blue, plain white surfaces, generous type. Every text colour reads at
 * 4.5:1 or more on the surfaces it sits on (WCAG AA): secondary text, placeholders, danger buttons and the darker
 * shade antd uses for each coloured tag's text on its light background.
 */
export const theme: ThemeConfig = {
  token: {
    colorPrimary: '#1f4e8c',
    colorInfo: '#1f4e8c',
    colorInfoBg: '#eef4fc',
    colorInfoBorder: '#c3d5ef',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: '#737373',
    colorError: '#cf1322',
    ...tagTextColors,
    borderRadius: 4,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Source Han Sans SC", "Helvetica Neue", Arial, sans-serif',
  },
  components: {
    Layout: { headerBg: '#0f3566', headerHeight: 56, headerPadding: '0 24px', bodyBg: '#f3f5f8' },
    // Status tags write in the status colour itself; an unchecked switch's track and an empty table's text are
    // drawn in these.
    Tag: { colorSuccess: '#237804', colorWarning: '#ad6800' },
    Switch: { colorTextQuaternary: 'rgba(0, 0, 0, 0.55)' },
    Table: { colorTextDisabled: 'rgba(0, 0, 0, 0.55)' },
  },
};
