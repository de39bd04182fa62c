/**
 * Dangerous code in JS/TS: eval, new Function, vm.run*, child_process calls whose command
 * is not a literal, require/import() of a non-literal path, and __proto__ writes. Patterns
 * run on lexed views (lex.ts) so comments and strings never match.
 */
import { lexViews, lineAt } from './lex.js';
import { type Finding, type Severity, allowReason } from './types.js';

export const CODE_EXTENSIONS = /\.(?:[cm]?js|jsx|[cm]?ts|tsx)$/;

const CHILD_FUNCS = ['exec', 'execSync', 'execFile', 'execFileSync', 'spawn', 'spawnSync', 'fork'];

interface Hit {
  offset: number;
  rule: string;
  severity: Severity;
  message: string;
}

/** Is the argument starting at `s[at]` a plain literal (string, or a template without `${`)? */
function literalArg(s: string, at: number): boolean {
  // Node itself is as fixed a command as a literal.
  if (/^process\s*\.\s*execPath\b/.test(s.slice(at, at + 40))) return true;
  const q = s[at];
  if (q === "'" || q === '"') return true;
  if (q === '`') {
    const end = s.indexOf('`', at + 1);
    return end > 0 && !s.slice(at, end).includes('${');
  }
  return false;
}

function skipSpace(s: string, i: number): number {
  while (i < s.length && /\s/.test(s[i]!)) i++;
  return i;
}

/** Local names bound to child_process functions, and namespace names for it. */
function childProcessBindings(s: string, code: string): { funcs: Map<string, string>; spaces: Set<string> } {
  const funcs = new Map<string, string>();
  const spaces = new Set<string>();
  // A binding inside a string or template (blanked in `code`) is not one.
  const real = (m: RegExpMatchArray) => code.slice(m.index!, m.index! + 3) === s.slice(m.index!, m.index! + 3);
  const from = String.raw`(?:'(?:node:)?child_process'|"(?:node:)?child_process")`;
  for (const m of s.matchAll(new RegExp(String.raw`import\s*\{([^}]*)\}\s*from\s*${from}`, 'g'))) if (real(m)) bindNames(m[1]!, funcs);
  for (const m of s.matchAll(new RegExp(String.raw`(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\s*\(\s*${from}\s*\)`, 'g'))) if (real(m)) bindNames(m[1]!, funcs, ':');
  for (const m of s.matchAll(new RegExp(String.raw`import\s+(?:\*\s+as\s+)?([\w$]+)\s*(?:,\s*\{[^}]*\})?\s*from\s*${from}`, 'g'))) if (real(m)) spaces.add(m[1]!);
  for (const m of s.matchAll(new RegExp(String.raw`(?:const|let|var)\s+([\w$]+)\s*=\s*(?:await\s+import|require)\s*\(\s*${from}\s*\)`, 'g'))) if (real(m)) spaces.add(m[1]!);
  return { funcs, spaces };
}

function bindNames(list: string, into: Map<string, string>, alias = 'as'): void {
  for (const part of list.split(',')) {
    const words = part.trim().replace(/^type\s+/, '').split(alias === 'as' ? /\s+as\s+/ : /\s*:\s*/);
    const name = words[0]?.trim();
    const local = (words[1] ?? words[0])?.trim();
    if (name && local && CHILD_FUNCS.includes(name)) into.set(local, name);
  }
}

export function scanCode(file: string, src: string): Finding[] {
  const { noComments, codeOnly } = lexViews(src);
  const hits: Hit[] = [];
  const add = (offset: number, rule: string, severity: Severity, message: string) => hits.push({ offset, rule, severity, message });

  for (const m of codeOnly.matchAll(/(?<![.\w$])eval\s*\(/g)) add(m.index!, 'eval', 'critical', 'eval() runs a string as code');
  for (const m of codeOnly.matchAll(/\bnew\s+Function\s*\(/g)) add(m.index!, 'new-function', 'critical', 'new Function() compiles a string as code');
  for (const m of codeOnly.matchAll(/\bvm\s*\.\s*(run(?:InThisContext|InNewContext|InContext))\s*\(/g))
    add(m.index!, 'vm-run', 'critical', `vm.${m[1]}() runs a string as code`);
  for (const m of codeOnly.matchAll(/\.\s*(runIn(?:This|New)?Context)\s*\(/g))
    if (!/\bvm\s*$/.test(codeOnly.slice(Math.max(0, m.index! - 8), m.index!))) add(m.index!, 'vm-run', 'critical', `${m[1]}() runs a string as code`);

  const { funcs, spaces } = childProcessBindings(noComments, codeOnly);
  if (funcs.size || spaces.size) {
    for (const m of codeOnly.matchAll(/(?<![.\w$])([\w$]+)\s*(?:\.\s*([\w$]+)\s*)?\(/g)) {
      const [whole, a, b] = m;
      let fnName: string | undefined;
      if (b === undefined) fnName = funcs.get(a!);
      else if (spaces.has(a!) && CHILD_FUNCS.includes(b)) fnName = b;
      if (!fnName) continue;
      const arg = skipSpace(noComments, m.index! + whole.length);
      if (!literalArg(noComments, arg)) add(m.index!, 'child-process-command', 'critical', `child_process ${fnName}() with a command that is not a literal`);
    }
  }

  for (const m of codeOnly.matchAll(/(?<![.\w$])(require|import)\s*\(/g)) {
    const arg = skipSpace(noComments, m.index! + m[0].length);
    if (m[1] === 'require' && noComments[arg] === ')') continue;
    if (!literalArg(noComments, arg)) add(m.index!, 'dynamic-module-path', 'warning', `${m[1]}() of a path that is not a literal`);
  }

  for (const m of noComments.matchAll(/(?:\.\s*__proto__|\[\s*(["'`])__proto__\1\s*\])\s*(?:=(?!=)|\+=)/g))
    if (codeOnly.slice(m.index!, m.index! + 1) !== ' ') add(m.index!, 'proto-write', 'critical', 'a write to __proto__ changes an object prototype');

  const lines = src.split('\n');
  return hits
    .sort((x, y) => x.offset - y.offset)
    .map((h) => {
      const line = lineAt(src, h.offset);
      const f: Finding = { category: 'code', severity: h.severity, file, line, rule: h.rule, message: h.message };
      const allowed = allowReason(lines, line, h.rule);
      if (allowed) f.allowed = allowed;
      return f;
    });
}
