/**
 * `scicomp audit [dir]`: dependencies (npm audit), secrets in tracked files, permissions,
 * dangerous code, configuration (.gitignore, tracked .env/keys, the published tarball) and
 * Dockerfiles. Exit 0 with no critical finding, 1 with any, 2 on a usage error. Findings
 * covered by an allow-list comment are reported as allowed and not counted.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { table } from '../bench/format.js';
import { type Io, EXIT_FAILURE, EXIT_OK, UsageError } from '../io.js';
import { DOCKERFILE, scanConfig, scanDependencies, scanDockerfile, scanPermissions } from './checks.js';
import { CODE_EXTENSIONS, scanCode } from './code.js';
import { scanSecrets } from './secrets.js';
import { type Category, type Finding, type NpmRunner, type Tree, CATEGORIES } from './types.js';

export interface AuditOptions {
  dir: string;
  json: boolean;
  skip: Category[];
}

export interface AuditHooks {
  npm?: NpmRunner;
}

export interface AuditReport {
  tool: 'scicomp audit';
  format: 1;
  root: string;
  git: boolean;
  files: number;
  categories: Record<Category, 'checked' | 'skipped'>;
  summary: { critical: number; warning: number; info: number; allowed: number; passed: boolean };
  findings: Finding[];
  notes: string[];
}

const MAX_TEXT = 2 * 1024 * 1024;

export const npmRunner: NpmRunner = (args, cwd) =>
  new Promise((done) => {
    // scicomp-audit-allow child-process-command: npm's path is fixed, only its arguments vary
    execFile(process.platform === 'win32' ? 'npm.cmd' : 'npm', args, { cwd, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 }, (err, stdout, stderr) => {
      const code = err && typeof (err as { code?: unknown }).code === 'number' ? ((err as { code: number }).code) : err ? null : 0;
      done({ code, stdout: String(stdout), stderr: String(stderr) || (err && code === null ? err.message : '') });
    });
  });

export function buildTree(root: string): Tree {
  let files: string[] | null = null;
  try {
    const out = execFileSync('git', ['ls-files', '-z', '--cached'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000, maxBuffer: 256 * 1024 * 1024 });
    files = out.split('\0').filter(Boolean);
    // A folder git does not track (ignored, or new) is scanned file by file instead.
    if (files.length === 0) files = null;
  } catch {
    files = null;
  }
  const git = files !== null;
  if (!files) {
    files = [];
    // Symbolic links are not followed: they may point outside the folder, or in a circle.
    const walk = (rel: string) => {
      for (const name of readdirSync(rel ? join(root, rel) : root).sort()) {
        if (name === 'node_modules' || name === '.git') continue;
        const r = rel ? `${rel}/${name}` : name;
        const st = lstatSync(join(root, r), { throwIfNoEntry: false });
        if (st?.isDirectory()) walk(r);
        else if (st?.isFile()) files!.push(r);
      }
    };
    walk('');
  }
  const cache = new Map<string, string | null>();
  return {
    root,
    files,
    git,
    read(file) {
      if (cache.has(file)) return cache.get(file)!;
      let text: string | null = null;
      try {
        const p = join(root, file);
        const st = statSync(p);
        if (st.isFile() && st.size <= MAX_TEXT) {
          const buf = readFileSync(p);
          text = buf.subarray(0, 8192).includes(0) ? null : buf.toString('utf8');
        }
      } catch {
        text = null;
      }
      cache.set(file, text);
      return text;
    },
  };
}

export async function audit(o: AuditOptions, hooks: AuditHooks = {}): Promise<AuditReport> {
  const root = o.dir;
  const tree = buildTree(root);
  const npm = hooks.npm ?? npmRunner;
  const on = (c: Category) => !o.skip.includes(c);
  const findings: Finding[] = [];
  const notes: string[] = [];

  if (on('dependencies')) {
    const r = await scanDependencies(tree, npm);
    findings.push(...r.findings);
    notes.push(...r.notes);
  }
  for (const f of tree.files) {
    const text = tree.read(f);
    if (text === null) continue;
    if (on('secrets')) findings.push(...scanSecrets(f, text));
    if (on('code') && CODE_EXTENSIONS.test(f)) findings.push(...scanCode(f, text));
    if (on('docker') && DOCKERFILE.test(f)) findings.push(...scanDockerfile(f, text));
  }
  if (on('permissions')) findings.push(...scanPermissions(root));
  if (on('config')) {
    const r = await scanConfig(tree, npm);
    // Secrets already reported for a tracked file are not repeated for the tarball.
    const seen = new Set(findings.filter((f) => f.category === 'secrets').map((f) => `${f.file}:${f.line}:${f.rule}`));
    findings.push(...r.findings.filter((f) => !f.rule.startsWith('tarball-') || !seen.has(`${f.file}:${f.line}:${f.rule.slice(8)}`)));
    notes.push(...r.notes);
  }
  if (on('docker') && !tree.files.some((f) => DOCKERFILE.test(f))) notes.push('docker: no Dockerfile');

  const order = { critical: 0, warning: 1, info: 2 } as const;
  findings.sort((a, b) => Number(!!a.allowed) - Number(!!b.allowed) || order[a.severity] - order[b.severity] || CATEGORIES.indexOf(a.category) - CATEGORIES.indexOf(b.category) || a.file.localeCompare(b.file) || a.line - b.line);
  const live = findings.filter((f) => !f.allowed);
  const count = (s: Finding['severity']) => live.filter((f) => f.severity === s).length;
  const summary = { critical: count('critical'), warning: count('warning'), info: count('info'), allowed: findings.length - live.length, passed: count('critical') === 0 };
  return {
    tool: 'scicomp audit',
    format: 1,
    root,
    git: tree.git,
    files: tree.files.length,
    categories: Object.fromEntries(CATEGORIES.map((c) => [c, on(c) ? 'checked' : 'skipped'])) as AuditReport['categories'],
    summary,
    findings,
    notes,
  };
}

export function formatAudit(r: AuditReport): string {
  const rows = r.findings.map((f) => [f.allowed ? `allowed` : f.severity, f.category, f.rule, f.line ? `${f.file}:${f.line}` : f.file, f.allowed ? `${f.message} (allowed: ${f.allowed})` : f.message]);
  let out = `audit of ${r.root} (${r.files} ${r.git ? 'tracked ' : ''}files)\n\n`;
  out += rows.length ? table(['severity', 'category', 'rule', 'where', 'message'], rows, new Set()) : 'no findings\n';
  const skipped = CATEGORIES.filter((c) => r.categories[c] === 'skipped');
  if (skipped.length) out += `\nskipped: ${skipped.join(', ')}\n`;
  for (const n of r.notes) out += `note: ${n}\n`;
  const s = r.summary;
  out += `\n${s.critical} critical, ${s.warning} warning, ${s.info} info, ${s.allowed} allowed: ${s.passed ? 'passed' : 'FAILED'}\n`;
  return out;
}

export function parseCategories(list: string | undefined): Category[] {
  if (!list) return [];
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = names.filter((n) => !(CATEGORIES as readonly string[]).includes(n));
  if (bad.length) throw new UsageError(`audit: unknown category ${bad.join(', ')}; the categories are ${CATEGORIES.join(', ')}`);
  return names as Category[];
}

export async function runAudit(o: { dir?: string; json: boolean; skip?: string }, io: Io, hooks: AuditHooks = {}): Promise<number> {
  const dir = resolve(io.cwd, o.dir ?? '.');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`audit: ${dir} is not a folder`);
  const report = await audit({ dir, json: o.json, skip: parseCategories(o.skip) }, hooks);
  io.stdout(o.json ? JSON.stringify(report, null, 2) + '\n' : formatAudit(report));
  return report.summary.passed ? EXIT_OK : EXIT_FAILURE;
}
