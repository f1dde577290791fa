import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { spawnServer } from './child-server.js';
import { fmt, type Row } from './report.js';

const CHROMIUM = '/usr/bin/chromium';
/** The public pages, which every visitor opens first. */
const PAGES = ['/precheck', '/login'] as const;
/** Goals of issue 12: JavaScript (gzip) before the page is interactive, Lighthouse mobile scores. */
const GOAL_JS_KB = 200;
const GOAL_PERFORMANCE = 90;
const GOAL_ACCESSIBILITY = 95;

interface NetworkRequest {
  url: string;
  resourceType?: string;
  transferSize?: number;
}

export interface PageFigures {
  page: string;
  /** Median of the runs, 0–100. */
  performance: number;
  accessibility: number;
  /** Scripts the page loaded: their count, the bytes on the wire (as the server negotiated with Chromium: brotli) and their gzip size (level 9). */
  scripts: number;
  jsTransferredBytes: number;
  jsGzipBytes: number;
  firstContentfulPaintMs: number;
  largestContentfulPaintMs: number;
  totalBlockingTimeMs: number;
  runs: number[];
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The gzip size (level 9) of the built file a script URL names. */
function gzipSize(webDist: string, url: string): number {
  return zlib.gzipSync(fs.readFileSync(path.join(webDist, new URL(url).pathname)), { level: 9 }).length;
}

/**
 * (g) The web app as a visitor's phone loads it: the current sources built (vite build into a temporary
 * directory), served by the Shenbao server in production mode, and each public page measured by
 * Lighthouse 12 (mobile preset: simulated slow 4G and a 4× slower CPU) in Chromium, `runs` times.
 */
export async function benchWebApp(runs: number): Promise<PageFigures[]> {
  console.log(
    `\n(g) Web app in Lighthouse (mobile preset), ${PAGES.join(' and ')}, ${runs} run(s) each; median scores`,
  );
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'shenbao-bench-web-'));
  try {
    const webDist = path.join(root, 'web');
    const dataDir = path.join(root, 'data');
    fs.mkdirSync(dataDir);
    execFileSync('npx', ['vite', 'build', '--outDir', webDist, '--emptyOutDir', '--logLevel', 'warn'], {
      stdio: 'inherit',
    });
    const server = await spawnServer('bench/web-server.ts', {
      BENCH_WEB_DIST_DIR: webDist,
      DATA_DIR: dataDir,
      NODE_ENV: 'production',
      DATA_KEY: `bench:${'0123456789abcdef'.repeat(2)}`,
      LOG_LEVEL: 'silent',
      PORT: '0',
      HOST: '127.0.0.1',
    });
    const chrome = await chromeLauncher.launch({
      chromePath: CHROMIUM,
      chromeFlags: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    try {
      const figures: PageFigures[] = [];
      for (const page of PAGES) {
        const samples: PageFigures[] = [];
        for (let i = 0; i < runs; i++) {
          const result = await lighthouse(`${server.url}${page}`, {
            port: chrome.port,
            output: 'json',
            logLevel: 'error',
            onlyCategories: ['performance', 'accessibility'],
          });
          if (!result) throw new Error(`Lighthouse gave no result for ${page}`);
          const { categories, audits } = result.lhr;
          const requests = ((audits['network-requests']?.details as { items?: NetworkRequest[] } | undefined)?.items ??
            []) as NetworkRequest[];
          const scripts = requests.filter((r) => r.resourceType === 'Script');
          const ms = (id: string) => audits[id]?.numericValue ?? NaN;
          samples.push({
            page,
            performance: Math.round((categories.performance?.score ?? 0) * 100),
            accessibility: Math.round((categories.accessibility?.score ?? 0) * 100),
            scripts: scripts.length,
            jsTransferredBytes: scripts.reduce((n, r) => n + (r.transferSize ?? 0), 0),
            jsGzipBytes: scripts.reduce((n, r) => n + gzipSize(webDist, r.url), 0),
            firstContentfulPaintMs: ms('first-contentful-paint'),
            largestContentfulPaintMs: ms('largest-contentful-paint'),
            totalBlockingTimeMs: ms('total-blocking-time'),
            runs: [],
          });
        }
        const performances = samples.map((s) => s.performance);
        const typical = samples.find((s) => s.performance === median(performances))!;
        const f = { ...typical, accessibility: median(samples.map((s) => s.accessibility)), runs: performances };
        figures.push(f);
        console.log(
          `  ${page.padEnd(10)} performance ${f.performance} (runs ${f.runs.join(', ')}), accessibility ${f.accessibility}; ` +
            `${f.scripts} scripts, ${fmt(f.jsTransferredBytes / 1024, 1)} KB on the wire, ${fmt(f.jsGzipBytes / 1024, 1)} KB gzip; ` +
            `FCP ${fmt(f.firstContentfulPaintMs)} ms, LCP ${fmt(f.largestContentfulPaintMs)} ms, TBT ${fmt(f.totalBlockingTimeMs)} ms`,
        );
      }
      return figures;
    } finally {
      chrome.kill();
      await server.stop();
    }
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

export function webAppRows(figures: PageFigures[]): Row[] {
  return figures.flatMap((f) => [
    {
      benchmark: `${f.page} JavaScript KB (gzip)`,
      value: `${fmt(f.jsGzipBytes / 1024, 1)} (${fmt(f.jsTransferredBytes / 1024, 1)} on the wire)`,
      baseline: `${f.scripts} scripts`,
      ratio: null,
      goal: `≤ ${GOAL_JS_KB}`,
      met: f.jsGzipBytes <= GOAL_JS_KB * 1024,
    },
    {
      benchmark: `${f.page} Lighthouse performance`,
      value: `${f.performance} (LCP ${fmt(f.largestContentfulPaintMs)} ms)`,
      baseline: 'mobile preset',
      ratio: null,
      goal: `≥ ${GOAL_PERFORMANCE}`,
      met: f.performance >= GOAL_PERFORMANCE,
    },
    {
      benchmark: `${f.page} Lighthouse accessibility`,
      value: String(f.accessibility),
      baseline: 'mobile preset',
      ratio: null,
      goal: `≥ ${GOAL_ACCESSIBILITY}`,
      met: f.accessibility >= GOAL_ACCESSIBILITY,
    },
  ]);
}
