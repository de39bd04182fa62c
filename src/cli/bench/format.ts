/** The human-readable bench report. */
import type { BenchReport, PairResult } from './types.js';

/** A duration in milliseconds with 3 significant digits and a fitting unit. */
export function formatTime(ms: number | undefined): string {
  if (ms === undefined || !Number.isFinite(ms)) return '-';
  const abs = Math.abs(ms);
  if (abs >= 1000) return `${(ms / 1000).toPrecision(3)} s`;
  if (abs >= 1) return `${ms.toPrecision(3)} ms`;
  if (abs >= 1e-3) return `${(ms * 1e3).toPrecision(3)} µs`;
  return `${(ms * 1e6).toPrecision(3)} ns`;
}

function fixed(x: number | undefined, digits: number, suffix = ''): string {
  if (x === undefined || !Number.isFinite(x)) return '';
  return x.toFixed(digits) + suffix;
}

function ops(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return '';
  if (x >= 1e6) return `${(x / 1e6).toFixed(2)}M`;
  if (x >= 1e3) return `${(x / 1e3).toFixed(2)}k`;
  return x.toPrecision(3);
}

export function table(header: string[], rows: string[][], rightAligned: Set<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (rightAligned.has(i) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n') + '\n';
}

function row(r: PairResult): string[] {
  if (r.status !== 'ok' || !r.stats) {
    return [r.case, r.impl, r.status === 'skipped' ? 'skipped' : 'FAILED', '', '', '', '', '', '', '', ''];
  }
  const s = r.stats;
  return [
    r.case,
    r.impl,
    formatTime(s.p50),
    formatTime(s.mean),
    `±${fixed(s.rme, 1)}%`,
    formatTime(s.p99),
    String(s.samples),
    ops(s.opsPerSec),
    r.impl === 'scicomp' ? '' : fixed(r.ratio, 2, 'x'),
    fixed(r.gflops, 2),
    fixed(r.floorRatio, 2, 'x'),
  ];
}

export function formatReport(report: BenchReport): string {
  const e = report.environment;
  const head =
    `scicomp ${e.version}  node ${e.node} (V8 ${e.v8})  ${e.cpu}, ${e.cores} cores  ` +
    `WASM ${e.simd === null ? 'not loaded' : e.simd ? 'SIMD' : 'scalar'}` +
    (e.git ? `  git ${e.git.commit.slice(0, 10)}${e.git.dirty ? '+dirty' : ''}` : '') +
    '\n\n';
  const header = ['case', 'impl', 'median', 'mean', 'rme', 'p99', 'samples', 'ops/s', 'vs scicomp', 'GFLOP/s', 'floor'];
  const right = new Set([2, 3, 4, 5, 6, 7, 8, 9, 10]);
  let out = head + (report.results.length ? table(header, report.results.map(row), right) : 'no benchmark cases ran\n');
  if (report.results.some((r) => r.ratio !== undefined))
    out += '\nvs scicomp: median of the peer / median of scicomp (above 1: scicomp is faster).\n';
  if (report.results.some((r) => r.floorRatio !== undefined))
    out += 'floor: median of scicomp / median of a plain JS loop making the same callback calls.\n';
  const bad = report.results.filter((r) => r.status !== 'ok');
  if (bad.length) out += '\n';
  for (const r of bad) out += `${r.status === 'skipped' ? 'skipped' : 'FAILED'}: ${r.case} [${r.impl}]: ${r.error ?? ''}\n`;
  for (const n of report.notes) out += `note: ${n}\n`;
  if (report.regressions?.length) {
    out += '\nregressions (median slower than the baseline by more than the threshold):\n';
    for (const g of report.regressions)
      out += `  ${g.case} [${g.impl}]: ${formatTime(g.baseline)} -> ${formatTime(g.current)} (+${g.change.toFixed(1)}%)\n`;
  }
  return out;
}
