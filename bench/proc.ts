import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** Linux's USER_HZ: /proc/<pid>/stat counts CPU time in ticks of 1/100 s. */
const TICKS_PER_SECOND = 100;

/** CPU time (user + system, all threads) a process has used so far, from /proc/<pid>/stat. */
function cpuSeconds(pid: number): number {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the parenthesized command name; utime and stime are fields 14 and 15 of the line.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/** Measures the CPU time of this process and of another one over the same interval. */
export class CpuMeter {
  private readonly ownStart = process.cpuUsage();
  private readonly otherStart: number;

  constructor(private readonly pid: number) {
    this.otherStart = cpuSeconds(pid);
  }

  /** CPU seconds used since construction by this process (`own`) and by the other one. */
  read(): { own: number; other: number } {
    const own = process.cpuUsage(this.ownStart);
    return { own: (own.user + own.system) / 1e6, other: cpuSeconds(this.pid) - this.otherStart };
  }
}

interface RssSample {
  rssKb: number;
  hwmKb: number;
}

export interface RssFigures {
  /** VmRSS when the window opened. */
  baselineMb: number;
  /** Lowest and highest VmRSS polled while idle before the window: the noise around the baseline. */
  idleMinMb: number;
  idleMaxMb: number;
  peakMb: number;
  growthMb: number;
  samples: number;
}

/**
 * Polls VmRSS and VmHWM of a process from /proc/<pid>/status every `intervalMs`, from construction
 * (idle) through a measured window. VmHWM (the high-water mark) catches a peak between two polls: if
 * it rose during the window, the new mark is the window's peak; if not, the highest polled VmRSS is.
 */
export class RssSampler {
  private samples: RssSample[] = [];
  private idle: RssSample[] = [];
  private baseline: RssSample | null = null;
  private running = true;
  private readonly loop: Promise<void>;

  constructor(
    private readonly pid: number,
    private readonly intervalMs = 50,
  ) {
    this.loop = this.poll();
  }

  private async poll(): Promise<void> {
    while (this.running) {
      this.samples.push(await readRss(this.pid));
      await sleep(this.intervalMs);
    }
  }

  /** Opens the measured window; the reading taken now is its baseline. */
  async openWindow(): Promise<void> {
    this.baseline = await readRss(this.pid);
    this.idle = this.samples;
    this.samples = [this.baseline];
  }

  /** Stops polling and summarizes the window, closed by one last reading. */
  async finish(): Promise<RssFigures> {
    const baseline = this.baseline;
    if (!baseline) throw new Error('RssSampler.finish() before openWindow()');
    this.running = false;
    await this.loop;
    const last = await readRss(this.pid);
    this.samples.push(last);
    const peakKb = last.hwmKb > baseline.hwmKb ? last.hwmKb : Math.max(...this.samples.map((s) => s.rssKb));
    const idleKb = this.idle.length ? this.idle.map((s) => s.rssKb) : [baseline.rssKb];
    const mb = (kb: number) => kb / 1024;
    return {
      baselineMb: mb(baseline.rssKb),
      idleMinMb: mb(Math.min(...idleKb)),
      idleMaxMb: mb(Math.max(...idleKb)),
      peakMb: mb(peakKb),
      growthMb: mb(peakKb - baseline.rssKb),
      samples: this.samples.length,
    };
  }
}

async function readRss(pid: number): Promise<RssSample> {
  const status = await fs.promises.readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => {
    const m = new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status);
    if (!m) throw new Error(`no ${name} in /proc/${pid}/status`);
    return Number(m[1]);
  };
  return { rssKb: field('VmRSS'), hwmKb: field('VmHWM') };
}
