/** The benchmark case contract (docs/design/bench.md) and the runner's records. */

/** What an implementation's factory returns. */
export interface Impl {
  /** One timed call. May return a promise. */
  run: () => unknown;
  /** Throws when `run()`'s result is wrong; a pair whose check throws is never timed. */
  check: (result: unknown) => unknown;
  /** Optional plain-JS loop making as many user-callback calls as one scicomp run. */
  floor?: () => unknown;
}

export interface BenchCase {
  /** Unique across all suites; `--filter` matches it. */
  name: string;
  area: string;
  /** Floating-point operations of one run, to report GFLOP/s. */
  flops?: number;
  /** `scicomp` plus peers keyed by npm package name (optionally `name variant`). */
  impls: Record<string, () => Promise<Impl> | Impl>;
}

/** What the parent sends a child: one (case, implementation) pair to measure. */
export interface Job {
  file: string;
  caseName: string;
  impl: string;
  /** tinybench time budget per task, ms. */
  time: number;
  /** tinybench minimum number of samples per task. */
  iterations: number;
  warmupTime: number;
  warmupIterations: number;
}

/** Latency statistics of one task, in milliseconds. */
export interface Stats {
  samples: number;
  mean: number;
  min: number;
  max: number;
  sd: number;
  p50: number;
  p99: number;
  /** Relative margin of error of the mean, percent (95%). */
  rme: number;
  opsPerSec: number;
}

export type PairStatus = 'ok' | 'failed' | 'skipped';

export interface PairResult {
  case: string;
  area: string;
  impl: string;
  status: PairStatus;
  /** Why the pair failed (`phase: message`) or was skipped. */
  error?: string;
  flops?: number;
  stats?: Stats;
  /** Numbers the factory returned beside run/check/floor (e.g. nfev, neval, steps). */
  counts?: Record<string, number>;
  /** Statistics of the case's `floor()` loop, when it has one. */
  floor?: Stats;
  /** GFLOP/s at the median, when `flops` is given. */
  gflops?: number;
  /** Median of run over median of floor, when `floor` is given. */
  floorRatio?: number;
  /** Median of this implementation over the median of scicomp (peer rows). */
  ratio?: number;
}

export interface Environment {
  package: string;
  version: string;
  node: string;
  v8: string;
  platform: string;
  arch: string;
  cpu: string;
  cores: number;
  /** Which WASM build the library picks here (`features().simd`); null if it did not load. */
  simd: boolean | null;
  git: { commit: string; dirty: boolean } | null;
  date: string;
}

export interface Regression {
  case: string;
  impl: string;
  baseline: number;
  current: number;
  /** Percent change of the median (positive: slower). */
  change: number;
}

export interface BenchReport {
  tool: 'scicomp bench';
  format: 1;
  environment: Environment;
  options: { time: number; iterations: number; filter: string | null; peers: boolean | string[] };
  results: PairResult[];
  notes: string[];
  regressions?: Regression[];
}
