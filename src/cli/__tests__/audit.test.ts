import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../audit/audit.js';
import { npmRunner } from '../audit/audit.js';
import { lexViews } from '../audit/lex.js';
import type { NpmRunner } from '../audit/types.js';
import { outsideScratch, removeScratch, repoRoot, run, scratch } from './helpers.js';

afterAll(removeScratch);

// Planted secrets are assembled here so that this file itself holds none.
const cat = (...parts: string[]) => parts.join('');
const A16 = 'Q3EGKJ2N5XR7TVWP';
const B36 = 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8';
const SECRETS = [
  `const a1 = "${cat('AK', 'IA', A16)}";`,
  `aws_secret_access_key = "${cat('wJalrXUtnFEMI/K7MDENG/bPxRfiCY', 'EXAMPLEKK')}x"`,
  `const a3 = "${cat('AI', 'za', 'SyD1234567890abcdefghijklmnopqrstuv')}";`,
  `const a4 = "${cat('np', 'm_', B36)}";`,
  `const a5 = "${cat('gh', 'p_', B36)}";`,
  `const a6 = "${cat('xo', 'xb-', '1234567890-abcdefABCDEF')}";`,
  `const a7 = "${cat('sk', '_live_', 'abcdefghijklmnopqrstuvwx')}";`,
  `const password = "${cat('hunter2', 'hunter2')}";`,
  `const a9 = \`${cat('-----BEGIN RSA PRI', 'VATE KEY-----')}`,
  'MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu`;',
  'const apiKey = process.env.API_KEY; const token = "${TOKEN}"; const secret = "your-secret-here";',
].join('\n');

const DANGER = [
  'eval(input);',
  "const f = new Function('a', 'return a');",
  "const vm = require('vm'); vm.runInNewContext(code);",
  "const { exec, execFile: run } = require('child_process');",
  'exec(cmd);',
  "exec('ls -la'); run(process.execPath, ['x.js']);",
  'const m = require(name);',
  'obj.__proto__ = evil;',
  '// eval(x) in a comment, new Function() too',
  'const s = "eval(x) require(y)"; re.exec(str); const r = /eval\\(/;',
  '// scicomp-audit-allow eval: trusted input, checked above',
  'eval(trusted);',
  "const mod = await import(`./plugins/${name}.js`); obj['__proto__'] = 1;",
].join('\n');

/** Runs the real `npm pack` but answers `npm audit` with a canned report. */
function npmWith(auditJson: object | string): NpmRunner {
  return async (args, cwd) => {
    if (args[0] === 'audit') return { code: 1, stdout: typeof auditJson === 'string' ? auditJson : JSON.stringify(auditJson), stderr: '' };
    return npmRunner(args, cwd);
  };
}

const VULNS = {
  vulnerabilities: {
    lodash: { name: 'lodash', severity: 'high', range: '<4.17.21', via: [{ title: 'Prototype Pollution', url: 'https://github.com/advisories/GHSA-x' }], fixAvailable: true },
    minimist: { name: 'minimist', severity: 'moderate', via: ['lodash'] },
    left: { name: 'left', severity: 'critical', via: [{ title: 'Backdoor' }] },
    tiny: { name: 'tiny', severity: 'low', via: [] },
  },
};

function write(root: string, files: Record<string, string>) {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), text);
  }
}

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, stdio: 'ignore' });

async function auditOf(dir: string, npm: NpmRunner, extra: string[] = []) {
  const r = await run(['audit', dir, '--json', ...extra], { audit: { npm } });
  return { ...r, report: JSON.parse(r.out) as AuditReport };
}

const key = (f: { rule: string; file: string; line: number }) => `${f.rule} ${f.file}:${f.line}`;

describe('scicomp audit on a tree with one planted problem per rule', () => {
  let dir = '';
  let report: AuditReport;
  let code = -1;
  beforeAll(async () => {
    dir = scratch('planted');
    write(dir, {
      'package.json': JSON.stringify({ name: 'fixture', version: '1.0.0', files: ['lib', 'test'] }, null, 2),
      'package-lock.json': '{\n  "name": "fixture",\n  "packages": {\n    "node_modules/lodash": {\n      "version": "4.17.0"\n    },\n    "node_modules/left": {}\n  }\n}\n',
      '.gitignore': 'node_modules\n',
      'lib/keys.js': SECRETS,
      'lib/danger.js': DANGER,
      '.npmrc': `//registry.npmjs.org/:_authToken=${cat('abcdef', '123456')}\n`,
      '.env': 'X=1\n',
      'deploy/server.pem': 'not really a key\n',
      'test/a.test.js': 'it("works", () => {});\n',
      Dockerfile: ['FROM node:latest', 'ENV API_TOKEN=abc123def', 'RUN npm ci', 'CMD ["node", "lib/index.js"]'].join('\n'),
      'docker/Dockerfile.prod': ['FROM node:20 AS build', 'FROM build', 'USER root', 'HEALTHCHECK CMD true'].join('\n'),
      'lib/open.txt': 'x\n',
      'bin/tool': '#!/bin/sh\n',
      'bin/tool2': '#!/bin/sh\n',
    });
    git(dir, 'init', '-q');
    git(dir, 'add', '-A');
    // In the tarball but not tracked: only the tarball check can see it.
    write(dir, { 'lib/generated.js': `module.exports = "${cat('gh', 'o_', B36)}";\n` });
    chmodSync(join(dir, 'lib/open.txt'), 0o666);
    chmodSync(join(dir, 'bin/tool'), 0o4755);
    chmodSync(join(dir, 'bin/tool2'), 0o2755);
    const r = await auditOf(dir, npmWith(VULNS));
    report = r.report;
    code = r.code;
  });

  it('finds each planted problem at its file and line, and nothing else', () => {
    const expected = [
      'npm-audit-high package-lock.json:4',
      'npm-audit-critical package-lock.json:7',
      'npm-audit-moderate package-lock.json:0',
      'npm-audit-low package-lock.json:0',
      'aws-access-key-id lib/keys.js:1',
      'aws-secret-access-key lib/keys.js:2',
      'gcp-api-key lib/keys.js:3',
      'npm-token lib/keys.js:4',
      'github-token lib/keys.js:5',
      'slack-token lib/keys.js:6',
      'stripe-secret-key lib/keys.js:7',
      'secret-assignment lib/keys.js:8',
      'private-key lib/keys.js:9',
      'npmrc-auth-token .npmrc:1',
      'world-writable lib/open.txt:0',
      'setuid bin/tool:0',
      'setgid bin/tool2:0',
      'eval lib/danger.js:1',
      'new-function lib/danger.js:2',
      'vm-run lib/danger.js:3',
      'child-process-command lib/danger.js:5',
      'dynamic-module-path lib/danger.js:7',
      'proto-write lib/danger.js:8',
      'eval lib/danger.js:12',
      'dynamic-module-path lib/danger.js:13',
      'proto-write lib/danger.js:13',
      'gitignore-env .gitignore:0',
      'gitignore-keys .gitignore:0',
      'tracked-env-file .env:0',
      'tracked-key-file deploy/server.pem:0',
      'tarball-test-file test/a.test.js:0',
      'tarball-github-token lib/generated.js:1',
      'docker-latest-tag Dockerfile:1',
      'docker-env-secret Dockerfile:2',
      'docker-root-user Dockerfile:1',
      'docker-healthcheck Dockerfile:0',
      'docker-root-user docker/Dockerfile.prod:3',
    ];
    expect(report.findings.map(key).sort()).toEqual(expected.sort());
  });

  it('gives every finding category, severity, file, line, rule and message', () => {
    for (const f of report.findings) {
      expect(Object.keys(f).sort()).toEqual(expect.arrayContaining(['category', 'file', 'line', 'message', 'rule', 'severity']));
      expect(f.message.length).toBeGreaterThan(5);
    }
    const by = (rule: string) => report.findings.find((f) => f.rule === rule)!;
    expect(by('npm-audit-high')).toMatchObject({ category: 'dependencies', severity: 'critical' });
    expect(by('npm-audit-high').message).toContain('Prototype Pollution');
    expect(by('npm-audit-moderate').severity).toBe('warning');
    expect(by('github-token')).toMatchObject({ category: 'secrets', severity: 'critical' });
    expect(by('tarball-github-token')).toMatchObject({ category: 'config', severity: 'critical' });
    expect(by('dynamic-module-path').severity).toBe('warning');
    expect(by('docker-healthcheck')).toMatchObject({ category: 'docker', severity: 'warning' });
  });

  it('reports an allow-listed finding as allowed with its reason and does not count it', () => {
    const allowed = report.findings.filter((f) => f.allowed);
    expect(allowed.map(key)).toEqual(['eval lib/danger.js:12']);
    expect(allowed[0]!.allowed).toBe('trusted input, checked above');
    expect(report.summary.allowed).toBe(1);
    expect(report.summary.critical).toBe(report.findings.filter((f) => f.severity === 'critical' && !f.allowed).length);
  });

  it('exits 1 when anything critical is found', () => {
    expect(code).toBe(1);
    expect(report.summary.passed).toBe(false);
  });

  it('prints a readable table by default', async () => {
    const r = await run(['audit', dir, '--skip', 'dependencies,config'], { audit: { npm: npmWith(VULNS) } });
    expect(r.out).toMatch(/^severity\s+category\s+rule\s+where\s+message$/m);
    expect(r.out).toMatch(/critical\s+code\s+eval\s+lib\/danger\.js:1\s/);
    expect(r.out).toContain('skipped: dependencies, config');
    expect(r.out).toMatch(/FAILED\n$/);
  });
});

describe('scicomp audit on a clean tree', () => {
  let dir = '';
  beforeAll(() => {
    dir = outsideScratch('audit-clean');
    write(dir, {
      'package.json': JSON.stringify({ name: 'clean', version: '1.0.0', files: ['lib'] }),
      '.gitignore': 'node_modules/\n.env\n.env.*\n*.pem\n*.key\nid_rsa*\nid_ed25519*\n',
      'lib/index.js': "import { readFileSync } from 'node:fs';\nexport const read = (p) => readFileSync(p, 'utf8');\nconst password = process.env.PASSWORD;\n",
      Dockerfile: ['FROM node:20-alpine', 'WORKDIR /app', 'COPY . .', 'USER node', 'HEALTHCHECK CMD node -e "1"', 'CMD ["node", "lib/index.js"]'].join('\n'),
    });
    // A link out of the tree is not followed.
    symlinkSync(tmpdir(), join(dir, 'outside'));
  });

  it('finds nothing and exits 0 (this tree is not a git repository: every file is scanned)', async () => {
    const r = await auditOf(dir, npmWith({ vulnerabilities: {} }));
    expect(r.report.git).toBe(false);
    expect(r.report.files).toBe(4);
    expect(r.report.findings).toEqual([]);
    expect(r.code).toBe(0);
  });

  it('says the dependencies were not checked when the registry cannot be asked, as a warning', async () => {
    const r = await auditOf(dir, npmWith({ message: '405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk' }));
    expect(r.report.findings.map(key)).toEqual(['dependencies-not-checked package.json:0']);
    expect(r.report.findings[0]).toMatchObject({ severity: 'warning', message: 'dependencies not checked: 405 Method Not Allowed - POST https://registry.npmjs.org/-/npm/v1/security/advisories/bulk' });
    expect(r.code).toBe(0);
    const garbled = await auditOf(dir, npmWith('npm ERR! network'));
    expect(garbled.report.findings[0]?.rule).toBe('dependencies-not-checked');
  });

  it('flags a missing .gitignore', async () => {
    const d = outsideScratch('audit-nogitignore');
    write(d, { 'index.js': 'export {};\n' });
    const r = await auditOf(d, npmWith({ vulnerabilities: {} }));
    expect(r.report.findings.map(key)).toEqual(['gitignore-missing .gitignore:0']);
  });
});

describe('scicomp audit usage', () => {
  it('exits 2 for a folder that does not exist or an unknown category', async () => {
    const a = await run(['audit', '/no/such/folder']);
    expect(a.code).toBe(2);
    expect(a.err).toContain('/no/such/folder is not a folder');
    const b = await run(['audit', '--skip', 'secrets,bogus']);
    expect(b.code).toBe(2);
    expect(b.err).toContain('unknown category bogus');
  });
});

describe('scicomp audit on this repository', () => {
  it('finds nothing critical', async () => {
    const r = await auditOf(repoRoot, npmWith({ message: 'registry not reachable from the test' }));
    const critical = r.report.findings.filter((f) => f.severity === 'critical' && !f.allowed);
    expect(critical).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.report.git).toBe(true);
  });
});

describe('the JS lexer behind the code rules', () => {
  it('blanks comments, strings, templates and regex literals but keeps lines and code', () => {
    const src = 'a = "x//y"; // c\nb = `t ${ f("s") } u`; /* m\n n */ c = /re"/g.test(s) / 2;';
    const { noComments, codeOnly } = lexViews(src);
    expect(noComments.split('\n')).toHaveLength(3);
    expect(noComments).toContain('"x//y"');
    expect(noComments).not.toContain('// c');
    expect(codeOnly).toContain('f(" ")');
    expect(codeOnly).not.toContain('x//y');
    expect(codeOnly).not.toContain('re"');
    expect(codeOnly).toContain('.test(s) / 2;');
  });
});
