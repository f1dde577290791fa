/**
 * A user agent in words for the list of a user's sessions: browser with its major version, and system,
 * e.g. “Edge 131 · Windows 10/11”. Order matters: many browsers also name Chrome and Safari, so the more
 * specific marks are tried first. Unrecognised parts are left out; nothing recognised is “未知设备”.
 */
const BROWSERS: readonly [RegExp, string][] = [
  [/MicroMessenger\/(\d+)/, '微信'],
  [/QQBrowser\/(\d+)/, 'QQ浏览器'],
  [/UCBrowser\/(\d+)/, 'UC浏览器'],
  [/QIHU 360SE|360SE|360EE/, '360浏览器'],
  [/MetaSr ?(\d+)?/, '搜狗浏览器'],
  [/HuaweiBrowser\/(\d+)/, '华为浏览器'],
  [/SamsungBrowser\/(\d+)/, 'Samsung Internet'],
  [/Edg(?:e|A|iOS)?\/(\d+)/, 'Edge'],
  [/(?:OPR|Opera)\/(\d+)/, 'Opera'],
  [/YaBrowser\/(\d+)/, 'Yandex'],
  [/(?:Firefox|FxiOS)\/(\d+)/, 'Firefox'],
  [/HeadlessChrome\/(\d+)/, 'Chrome（无界面）'],
  [/(?:Chrome|CriOS|Chromium)\/(\d+)/, 'Chrome'],
  [/Version\/(\d+)[\d.]*(?: Mobile\/\w+)? Safari\//, 'Safari'],
  [/(?:MSIE (\d+)|Trident\/.*rv:(\d+))/, 'Internet Explorer'],
  [/^curl\/(\d+)/, 'curl'],
];

const WINDOWS: Record<string, string> = {
  '10.0': '10/11',
  '6.3': '8.1',
  '6.2': '8',
  '6.1': '7',
  '6.0': 'Vista',
  '5.1': 'XP',
};

function systemOf(ua: string): string | null {
  const windows = /Windows NT (\d+\.\d+)/.exec(ua);
  if (windows) return `Windows ${WINDOWS[windows[1]!] ?? windows[1]}`;
  if (/HarmonyOS|OpenHarmony/.test(ua)) return 'HarmonyOS';
  const ipad = /iPad; CPU OS (\d+)_?(\d+)?/.exec(ua);
  if (ipad) return `iPadOS ${ipad[1]}${ipad[2] ? `.${ipad[2]}` : ''}`;
  const ios = /iPhone OS (\d+)_?(\d+)?/.exec(ua);
  if (ios) return `iOS ${ios[1]}${ios[2] ? `.${ios[2]}` : ''}`;
  const android = /Android (\d+(?:\.\d+)?)/.exec(ua);
  if (android) return `Android ${android[1]}`;
  if (/Mac OS X|Macintosh/.test(ua)) return 'macOS';
  if (/CrOS/.test(ua)) return 'ChromeOS';
  if (/Linux|X11/.test(ua)) return 'Linux';
  return null;
}

export function describeUserAgent(ua: string | null): string {
  if (!ua) return '未知设备';
  let browser: string | null = null;
  for (const [pattern, name] of BROWSERS) {
    const m = pattern.exec(ua);
    if (!m) continue;
    const version = m.slice(1).find((v) => v);
    browser = version ? `${name} ${version}` : name;
    break;
  }
  const parts = [browser, systemOf(ua)].filter((p): p is string => p !== null);
  return parts.length > 0 ? parts.join(' · ') : '未知设备';
}
