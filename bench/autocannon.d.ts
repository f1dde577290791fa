/**
 * The part of autocannon's programmatic API the benchmarks use (the package ships no types, and
 * @types/autocannon is not a dependency). Called without a callback, autocannon returns a promise.
 */
declare module 'autocannon' {
  export interface Options {
    url: string;
    connections?: number;
    duration?: number;
    method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
    headers?: Record<string, string>;
    body?: string;
  }

  interface Histogram {
    average: number;
    p50: number;
    p99: number;
    max: number;
  }

  export interface Result {
    /** Seconds the run actually lasted. */
    duration: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    /** Milliseconds per request. */
    latency: Histogram;
    /** Requests per one-second sample. */
    requests: Histogram & { total: number };
  }

  function autocannon(options: Options): Promise<Result>;
  export default autocannon;
}
