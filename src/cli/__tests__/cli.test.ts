import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, run } from './helpers.js';

const pkg = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string; bin: Record<string, string> };

interface Opt {
  flags: string;
  default: string;
}

/** Options (and arguments) as `--help` prints them, with their defaults. */
function fromHelp(help: string): Opt[] {
  const out: Opt[] = [];
  let section = '';
  let current: Opt | null = null;
  for (const line of help.split('\n')) {
    if (/^\S.*:$/.test(line)) {
      section = line;
      current = null;
      continue;
    }
    const m = /^ {2}(\S+(?:, --\S+)?(?: [<[][^>\]]+[>\]])?)(?: {2,}|$)(.*)$/.exec(line);
    if (m && (section === 'Options:' || section === 'Arguments:')) {
      const flags = section === 'Arguments:' ? `[${m[1]}]` : m[1]!;
      current = { flags, default: '' };
      out.push(current);
    }
    if (current) {
      const d = /\(default: ([^)]+)\)/.exec(line);
      if (d) current.default = d[1]!;
    }
  }
  return out;
}

/** The option table of `## scicomp <command>` in docs/cli.md. */
function fromDocs(doc: string, heading: string): Opt[] {
  const start = doc.indexOf(`\n## ${heading}\n`);
  expect(start, `docs/cli.md has a "## ${heading}" section`).toBeGreaterThan(0);
  const end = doc.indexOf('\n## ', start + 4);
  const section = doc.slice(start, end < 0 ? undefined : end);
  const from = section.indexOf('| Option |');
  const table = section.slice(from, section.indexOf('\n\n', from));
  const rows = table.split('\n').slice(2).filter((l) => l.startsWith('| `'));
  return rows.map((r) => {
    const cells = r.split('|').map((c) => c.trim());
    return { flags: cells[1]!.replace(/`/g, ''), default: cells[2]!.replace(/`/g, '') };
  });
}

describe('the scicomp program', () => {
  it('prints the package version with --version and -V', async () => {
    for (const flag of ['--version', '-V']) {
      const r = await run([flag]);
      expect(r.code).toBe(0);
      expect(r.out.trim()).toBe(pkg.version);
    }
  });

  it('lists bench, health and audit in --help, and prints help to stderr with exit 2 when given nothing', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['bench', 'health', 'audit']) expect(r.out).toMatch(new RegExp(`^  ${cmd} `, 'm'));
    const none = await run([]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('Usage: scicomp');
    expect(none.out).toBe('');
  });

  it('exits 2 on an unknown command', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain("unknown command 'frobnicate'");
  });

  it('declares the four bins, each a built file under dist/cli', () => {
    expect(Object.keys(pkg.bin).sort()).toEqual(['scicomp', 'scicomp-audit', 'scicomp-bench', 'scicomp-health']);
    for (const [name, file] of Object.entries(pkg.bin)) expect(file, name).toBe(`./dist/cli/${name}.js`);
  });
});

describe('docs/cli.md', () => {
  const doc = readFileSync(join(repoRoot, 'docs/cli.md'), 'utf8');
  for (const [heading, argv] of [
    ['scicomp', ['--help']],
    ['scicomp bench', ['bench', '--help']],
    ['scicomp health', ['health', '--help']],
    ['scicomp audit', ['audit', '--help']],
  ] as const) {
    it(`documents exactly the options of \`${argv.join(' ')}\`, with the same defaults`, async () => {
      const r = await run([...argv]);
      expect(r.code).toBe(0);
      const help = fromHelp(r.out);
      expect(help.length).toBeGreaterThan(1);
      const docs = fromDocs(doc, heading);
      expect(docs.map((o) => o.flags).sort()).toEqual(help.map((o) => o.flags).sort());
      for (const h of help.filter((o) => o.default && !o.flags.startsWith('['))) {
        expect(docs.find((d) => d.flags === h.flags)?.default, h.flags).toBe(h.default);
      }
    });
  }
});
