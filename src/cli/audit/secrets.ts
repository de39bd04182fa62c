/**
 * Secret patterns, after the rule sets of gitleaks and GitHub secret scanning (token
 * prefixes and lengths as their issuers document them). The patterns are written so that
 * this file does not match itself: every literal prefix is split by a group or class.
 */
import { type Finding, allowReason } from './types.js';

export interface SecretRule {
  rule: string;
  message: string;
  pattern: RegExp;
  /** Only in files whose base name passes this test. */
  file?: (base: string) => boolean;
  /** Drop a match whose captured value looks like a placeholder. */
  value?: number;
}

export const SECRET_RULES: readonly SecretRule[] = [
  { rule: 'aws-access-key-id', message: 'an AWS access key id', pattern: /\b(?:A[K]IA|A[S]IA)[0-9A-Z]{16}\b/g },
  {
    rule: 'aws-secret-access-key',
    message: 'an AWS secret access key',
    pattern: /\baws_?secret_?access_?key\b["']?\s*[:=]\s*["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/gi,
  },
  { rule: 'gcp-api-key', message: 'a Google API key', pattern: /\bA[I]za[0-9A-Za-z_-]{35}\b/g },
  {
    rule: 'private-key',
    message: 'a private key block',
    pattern: /-{5}BEGIN[ ](?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?-{5}/g,
  },
  { rule: 'npm-token', message: 'an npm access token', pattern: /\bn[p]m_[A-Za-z0-9]{36}\b/g },
  { rule: 'github-token', message: 'a GitHub token', pattern: /\b(?:g[h][pousr]_[A-Za-z0-9]{36,255}|g[i]thub_pat_[A-Za-z0-9_]{22,255})\b/g },
  { rule: 'slack-token', message: 'a Slack token', pattern: /\bx[o]x[baprs]-[0-9A-Za-z-]{10,}\b/g },
  { rule: 'stripe-secret-key', message: 'a Stripe secret key', pattern: /\b[s]k_live_[0-9A-Za-z]{20,}\b/g },
  {
    rule: 'npmrc-auth-token',
    message: 'a registry credential in .npmrc',
    pattern: /(?:^|:)_(?:authToken|auth|password)\s*=\s*(?!\$\{)(\S+)/gm,
    file: (base) => base === '.npmrc',
  },
  {
    rule: 'secret-assignment',
    message: 'a literal password, secret, token or API key',
    pattern:
      /\b(?:pass(?:word|wd)?|pwd|secret|client_?secret|(?:auth_?|access_?|api_?|bearer_?)?token|api[_-]?key|access[_-]?key|private[_-]?key)\b["']?\s*(?::|=|:=|=>)\s*(["'`])([^"'`\s]{8,})\1/gi,
    value: 2,
  },
];

/** Values that are clearly not secrets: placeholders, references, masks. */
function placeholder(v: string): boolean {
  return (
    /^(?:\$\{|\$[A-Z_]|%|<|\{\{|process\.env)/.test(v) ||
    /^(?:x+|\*+|\.+|-+|_+)$/i.test(v) ||
    /^(?:changeme|example|placeholder|redacted|dummy|secret|password|undefined|null|true|false)$/i.test(v) ||
    /(?:example|placeholder|your[_-]|dummy|fake|<[^>]*>)/i.test(v)
  );
}

export function scanSecrets(file: string, text: string, category: Finding['category'] = 'secrets', prefix = ''): Finding[] {
  const base = file.slice(file.lastIndexOf('/') + 1);
  const lines = text.split('\n');
  const starts: number[] = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0, hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const out: Finding[] = [];
  for (const r of SECRET_RULES) {
    if (r.file && !r.file(base)) continue;
    r.pattern.lastIndex = 0;
    for (const m of text.matchAll(r.pattern)) {
      if (r.value !== undefined && placeholder(m[r.value] ?? '')) continue;
      const line = lineOf(m.index ?? 0);
      const f: Finding = { category, severity: 'critical', file, line, rule: prefix + r.rule, message: `${r.message}${category === 'secrets' ? '' : ' in the published tarball'}` };
      const allowed = allowReason(lines, line, f.rule) ?? allowReason(lines, line, r.rule);
      if (allowed) f.allowed = allowed;
      out.push(f);
    }
  }
  return out;
}
