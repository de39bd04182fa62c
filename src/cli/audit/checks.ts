/** The file-system, configuration, Dockerfile and dependency categories of the audit. */
import { execFileSync } from 'node:child_process';
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { scanSecrets } from './secrets.js';
import { type Finding, type NpmRunner, type Tree, allowReason } from './types.js';

const SKIP_DIRS = new Set(['node_modules', '.git']);

// ---- permissions ---------------------------------------------------------------------------

/** World-writable files and folders, setuid and setgid bits (node_modules and .git skipped). */
export function scanPermissions(root: string): Finding[] {
  const out: Finding[] = [];
  const walk = (rel: string) => {
    const abs = rel ? join(root, rel) : root;
    let entries: string[];
    try {
      entries = readdirSync(abs);
    } catch {
      return;
    }
    for (const name of entries.sort()) {
      const r = rel ? `${rel}/${name}` : name;
      let st;
      try {
        st = lstatSync(join(abs, name));
      } catch {
        continue;
      }
      if (st.isSymbolicLink()) continue;
      const what = st.isDirectory() ? 'folder' : 'file';
      // A world-writable folder with the sticky bit (like /tmp) is the usual safe case.
      if (st.mode & 0o002 && !(st.isDirectory() && st.mode & 0o1000))
        out.push({ category: 'permissions', severity: 'critical', file: r, line: 0, rule: 'world-writable', message: `world-writable ${what} (mode ${(st.mode & 0o7777).toString(8)})` });
      if (st.isFile() && st.mode & 0o4000)
        out.push({ category: 'permissions', severity: 'critical', file: r, line: 0, rule: 'setuid', message: `setuid bit set (mode ${(st.mode & 0o7777).toString(8)})` });
      if (st.isFile() && st.mode & 0o2000)
        out.push({ category: 'permissions', severity: 'critical', file: r, line: 0, rule: 'setgid', message: `setgid bit set (mode ${(st.mode & 0o7777).toString(8)})` });
      if (st.isDirectory() && !SKIP_DIRS.has(name)) walk(r);
    }
  };
  walk('');
  return out;
}

// ---- configuration -------------------------------------------------------------------------

const ENV_FILE = /(?:^|\/)\.env(?:\.(?!example$|sample$|template$|dist$)[\w.-]+)?$/;
const KEY_FILE = /(?:^|\/)(?:[^/]+\.(?:pem|key|p12|pfx|jks|keystore)|id_(?:rsa|dsa|ecdsa|ed25519))$/;
const FIXTURE_PATH = /(?:^|\/)(?:__tests__|__fixtures__|fixtures?|tests?)\/|\.(?:test|spec)\.[cm]?[jt]sx?$/;

/** Whether git (or, outside a repository, a simple reading of .gitignore) ignores `path`. */
function ignoredBy(tree: Tree, path: string): boolean {
  if (tree.git) {
    try {
      execFileSync('git', ['check-ignore', '-q', '--no-index', path], { cwd: tree.root, stdio: 'ignore', timeout: 10_000 });
      return true;
    } catch {
      return false;
    }
  }
  const text = tree.read('.gitignore') ?? '';
  const base = path.split('/')[0]!;
  return text
    .split('\n')
    .map((l) => l.trim().replace(/^\//, '').replace(/\/$/, ''))
    .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'))
    .some((p) => {
      const re = new RegExp('^' + p.replace(/[.+^$()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]') + '$');
      return re.test(path) || re.test(base) || re.test(path.slice(path.lastIndexOf('/') + 1));
    });
}

export async function scanConfig(tree: Tree, npm: NpmRunner | null): Promise<{ findings: Finding[]; notes: string[] }> {
  const out: Finding[] = [];
  const notes: string[] = [];
  const gitignore = tree.read('.gitignore');
  const lines = gitignore?.split('\n') ?? [];
  const gi = (rule: string, message: string) => {
    const f: Finding = { category: 'config', severity: 'warning', file: '.gitignore', line: 0, rule, message };
    const a = lines.map((_, i) => allowReason(lines, i + 1, rule)).find(Boolean);
    if (a) f.allowed = a;
    out.push(f);
  };
  if (gitignore === null) gi('gitignore-missing', 'no .gitignore: .env files, keys and node_modules can be committed by accident');
  else {
    const uncovered = (paths: string[]) => paths.filter((p) => !ignoredBy(tree, p));
    const env = uncovered(['.env', '.env.local']);
    if (env.length) gi('gitignore-env', `.gitignore does not cover ${env.join(', ')}`);
    const keys = uncovered(['server.pem', 'server.key', 'id_rsa', 'id_ed25519']);
    if (keys.length) gi('gitignore-keys', `.gitignore does not cover key files such as ${keys.join(', ')}`);
    if (uncovered(['node_modules/x/index.js']).length) gi('gitignore-node-modules', '.gitignore does not cover node_modules');
  }
  for (const f of tree.files) {
    if (ENV_FILE.test(f)) out.push({ category: 'config', severity: 'critical', file: f, line: 0, rule: 'tracked-env-file', message: `${tree.git ? 'git tracks' : 'the tree holds'} an environment file` });
    else if (KEY_FILE.test(f)) out.push({ category: 'config', severity: 'critical', file: f, line: 0, rule: 'tracked-key-file', message: `${tree.git ? 'git tracks' : 'the tree holds'} a key file` });
  }

  if (tree.read('package.json') !== null) {
    if (!npm) notes.push('config: the published tarball was not checked (npm skipped)');
    else {
      const r = await npm(['pack', '--dry-run', '--json', '--ignore-scripts'], tree.root);
      let files: string[] | null = null;
      try {
        const parsed = JSON.parse(r.stdout) as { files?: { path: string }[] }[];
        files = parsed[0]?.files?.map((x) => x.path) ?? null;
      } catch {
        files = null;
      }
      if (!files) {
        out.push({ category: 'config', severity: 'warning', file: 'package.json', line: 0, rule: 'tarball-not-checked', message: `npm pack --dry-run failed, the published tarball was not checked: ${r.stderr.trim().split('\n').pop() ?? ''}` });
      } else {
        for (const f of files) {
          if (FIXTURE_PATH.test(f)) out.push({ category: 'config', severity: 'warning', file: f, line: 0, rule: 'tarball-test-file', message: 'the published tarball holds a test or fixture file' });
          if (ENV_FILE.test(f) || KEY_FILE.test(f)) out.push({ category: 'config', severity: 'critical', file: f, line: 0, rule: 'tarball-secret-file', message: 'the published tarball holds an environment or key file' });
          const text = tree.read(f);
          if (text !== null) out.push(...scanSecrets(f, text, 'config', 'tarball-'));
        }
      }
    }
  }
  return { findings: out, notes };
}

// ---- Dockerfile ----------------------------------------------------------------------------

export const DOCKERFILE = /(?:^|\/)(?:Dockerfile(?:\.[\w.-]+)?|[\w.-]+\.dockerfile)$/i;

export function scanDockerfile(file: string, text: string): Finding[] {
  const out: Finding[] = [];
  const raw = text.split('\n');
  // Join continuation lines, remembering where each instruction starts.
  const instr: { line: number; op: string; args: string }[] = [];
  for (let i = 0; i < raw.length; i++) {
    const start = i;
    let s = raw[i]!;
    while (/\\\s*$/.test(s) && i + 1 < raw.length) s = s.replace(/\\\s*$/, ' ') + raw[++i]!;
    const m = /^\s*([A-Za-z]+)\s+(.*)$/.exec(s);
    if (m && !s.trim().startsWith('#')) instr.push({ line: start + 1, op: m[1]!.toUpperCase(), args: m[2]!.trim() });
  }
  const add = (severity: Finding['severity'], line: number, rule: string, message: string) => {
    const f: Finding = { category: 'docker', severity, file, line, rule, message };
    const a = line > 0 ? allowReason(raw, line, rule) : raw.map((_, i) => allowReason(raw, i + 1, rule)).find(Boolean);
    if (a) f.allowed = a;
    out.push(f);
  };

  const stages = new Set<string>();
  let lastFrom = 0;
  let user: { line: number; name: string } | null = null;
  for (const x of instr) {
    if (x.op === 'FROM') {
      lastFrom = x.line;
      user = null; // USER applies per stage; only the final stage runs
      const words = x.args.split(/\s+/).filter((w) => !w.startsWith('--'));
      const image = words[0] ?? '';
      const as = words.findIndex((w) => w.toLowerCase() === 'as');
      if (as > 0 && words[as + 1]) stages.add(words[as + 1]!.toLowerCase());
      if (image === 'scratch' || stages.has(image.toLowerCase()) || image.includes('$')) continue;
      const tag = image.includes('@') ? 'digest' : (/:([^/:]+)$/.exec(image)?.[1] ?? null);
      if (tag === 'latest') add('warning', x.line, 'docker-latest-tag', `FROM ${image} uses the :latest tag; pin a version`);
      else if (tag === null) add('warning', x.line, 'docker-latest-tag', `FROM ${image} has no tag (means :latest); pin a version`);
    }
    if (x.op === 'USER') user = { line: x.line, name: x.args.split(/[:\s]/)[0] ?? '' };
    if (x.op === 'ENV' || x.op === 'ARG') {
      const pairs = x.args.includes('=') ? [...x.args.matchAll(/([\w.-]+)=("[^"]*"|'[^']*'|\S*)/g)].map((m) => [m[1]!, m[2]!]) : [[x.args.split(/\s+/)[0] ?? '', x.args.split(/\s+/).slice(1).join(' ')]];
      for (const [k, v] of pairs) {
        const value = (v ?? '').replace(/^["']|["']$/g, '');
        if (/(?:pass(?:word|wd)?|secret|token|api[_-]?key|access[_-]?key|private[_-]?key|credential)/i.test(k!) && value && !/^\$/.test(value))
          add('critical', x.line, 'docker-env-secret', `${x.op} ${k} sets a secret in the image; pass it at run time or use a build secret`);
      }
    }
  }
  if (lastFrom === 0) return out;
  if (!user) add('critical', lastFrom, 'docker-root-user', 'the final stage has no USER: the container runs as root');
  else if (user.name === 'root' || user.name === '0') add('critical', user.line, 'docker-root-user', `USER ${user.name}: the container runs as root`);
  if (!instr.some((x) => x.op === 'HEALTHCHECK' && !/^NONE\b/i.test(x.args))) add('warning', 0, 'docker-healthcheck', 'no HEALTHCHECK instruction');
  return out;
}

// ---- dependencies --------------------------------------------------------------------------

interface NpmAuditJson {
  vulnerabilities?: Record<string, { name: string; severity: string; range?: string; via?: unknown[]; fixAvailable?: unknown }>;
  error?: { summary?: string; code?: string };
  message?: string;
}

function lockLine(tree: Tree, name: string): { file: string; line: number } {
  for (const file of ['package-lock.json', 'npm-shrinkwrap.json']) {
    const text = tree.read(file);
    if (text === null) continue;
    const idx = text.indexOf(`"node_modules/${name}"`);
    if (idx >= 0) return { file, line: text.slice(0, idx).split('\n').length };
    return { file, line: 0 };
  }
  return { file: 'package.json', line: 0 };
}

export async function scanDependencies(tree: Tree, npm: NpmRunner): Promise<{ findings: Finding[]; notes: string[] }> {
  if (tree.read('package.json') === null) return { findings: [], notes: ['dependencies: no package.json, nothing to check'] };
  const notChecked = (why: string): { findings: Finding[]; notes: string[] } => ({
    findings: [{ category: 'dependencies', severity: 'warning', file: 'package.json', line: 0, rule: 'dependencies-not-checked', message: `dependencies not checked: ${why}` }],
    notes: [],
  });
  let r;
  try {
    r = await npm(['audit', '--json'], tree.root);
  } catch (err) {
    return notChecked(err instanceof Error ? err.message : String(err));
  }
  let data: NpmAuditJson;
  try {
    data = JSON.parse(r.stdout) as NpmAuditJson;
  } catch {
    return notChecked(`npm audit gave no report (${r.stderr.trim().split('\n').pop() || `exit ${r.code}`})`);
  }
  if (!data.vulnerabilities) return notChecked(data.error?.summary || data.message || r.stderr.trim().split('\n').pop() || 'npm audit gave no vulnerabilities list');
  const out: Finding[] = [];
  for (const v of Object.values(data.vulnerabilities)) {
    const sev = v.severity;
    const severity = sev === 'critical' || sev === 'high' ? 'critical' : sev === 'moderate' ? 'warning' : 'info';
    const advisory = (v.via ?? []).find((x): x is { title: string; url?: string } => typeof x === 'object' && x !== null && 'title' in x);
    const where = lockLine(tree, v.name);
    out.push({
      category: 'dependencies',
      severity,
      ...where,
      rule: `npm-audit-${sev}`,
      message: `${v.name}${v.range ? ` ${v.range}` : ''}: ${sev}${advisory ? ` — ${advisory.title}${advisory.url ? ` (${advisory.url})` : ''}` : ' (through a dependency)'}${v.fixAvailable ? '; a fix is available' : ''}`,
    });
  }
  return { findings: out, notes: [] };
}
