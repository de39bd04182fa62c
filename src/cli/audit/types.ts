/** Audit findings and the shared allow-list convention. */

export const CATEGORIES = ['dependencies', 'secrets', 'permissions', 'code', 'config', 'docker'] as const;
export type Category = (typeof CATEGORIES)[number];
export type Severity = 'critical' | 'warning' | 'info';

export interface Finding {
  category: Category;
  severity: Severity;
  /** Relative to the audited folder, `/`-separated. */
  file: string;
  /** 1-based; 0 when the finding is about the whole file or folder. */
  line: number;
  rule: string;
  message: string;
  /** Set when an allow-list comment covers the finding: reported, not counted. */
  allowed?: string;
}

/** A tree to audit: the files git tracks (or every file when it is not a repository). */
export interface Tree {
  root: string;
  /** Relative, `/`-separated paths. */
  files: string[];
  git: boolean;
  read(file: string): string | null;
}

/** Runs npm in a folder; tests replace it. */
export type NpmRunner = (args: string[], cwd: string) => Promise<{ code: number | null; stdout: string; stderr: string }>;

/**
 * `scicomp-audit-allow <rule>: why` on the finding's line or the line above it allows a
 * deliberate exception (any comment syntax: `//`, `#`, `/*`).
 */
export const ALLOW_MARK = 'scicomp-audit-allow';

export function allowReason(lines: readonly string[], line: number, rule: string): string | undefined {
  for (const l of [lines[line - 1], lines[line - 2]]) {
    if (l === undefined) continue;
    const at = l.indexOf(ALLOW_MARK);
    if (at < 0) continue;
    const m = /^\s+([\w.,-]+)(?:\s*:\s*(.*?))?\s*(?:\*\/)?\s*$/.exec(l.slice(at + ALLOW_MARK.length));
    if (m && m[1]!.split(',').includes(rule)) return m[2] || 'allowed';
  }
  return undefined;
}
