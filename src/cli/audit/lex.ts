/**
 * A small JS/TS lexer for the code rules: it blanks comments (and, in a second view,
 * the insides of strings, templates and regular expressions) while keeping every
 * character's line, so patterns only match real code.
 */

export interface Views {
  /** Comments blanked; strings intact. */
  noComments: string;
  /** Comments and the contents of strings, templates and regex literals blanked. */
  codeOnly: string;
}

const REGEX_AFTER = new Set(['(', ',', '=', ':', '[', '!', '&', '|', '?', '{', '}', ';', '+', '-', '*', '%', '<', '>', '~', '^']);
const REGEX_KEYWORDS = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await', 'instanceof']);

export function lexViews(src: string): Views {
  const a = src.split('');
  const b = src.split('');
  const blank = (arr: string[], i: number) => {
    if (arr[i] !== '\n') arr[i] = ' ';
  };
  // Modes: code (with a brace depth for template interpolations) or template.
  const stack: number[] = []; // brace depth at which each open `${` returns to its template
  let depth = 0;
  let lastSig = ''; // last significant code token char (for regex detection)
  let lastWord = '';
  let i = 0;
  const n = src.length;

  const template = (): void => {
    // at src[i] just after a backtick or a closing `}` of an interpolation
    while (i < n) {
      const c = src[i]!;
      if (c === '\\') {
        blank(b, i);
        if (i + 1 < n) blank(b, i + 1);
        i += 2;
        continue;
      }
      if (c === '`') {
        i++;
        lastSig = '`';
        return;
      }
      if (c === '$' && src[i + 1] === '{') {
        i += 2;
        stack.push(depth);
        depth++;
        lastSig = '{';
        return;
      }
      blank(b, i);
      i++;
    }
  };

  while (i < n) {
    const c = src[i]!;
    const d = src[i + 1];
    if (c === '/' && d === '/') {
      while (i < n && src[i] !== '\n') {
        blank(a, i);
        blank(b, i);
        i++;
      }
      continue;
    }
    if (c === '/' && d === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (; i < stop; i++) {
        blank(a, i);
        blank(b, i);
      }
      continue;
    }
    if (c === '"' || c === "'") {
      i++;
      while (i < n && src[i] !== c && src[i] !== '\n') {
        if (src[i] === '\\') {
          blank(b, i);
          i++;
        }
        blank(b, i);
        i++;
      }
      i++;
      lastSig = c;
      lastWord = '';
      continue;
    }
    if (c === '`') {
      i++;
      template();
      lastWord = '';
      continue;
    }
    if (c === '/' && (lastSig === '' || REGEX_AFTER.has(lastSig) || REGEX_KEYWORDS.has(lastWord))) {
      // a regular expression literal
      i++;
      let cls = false;
      while (i < n && src[i] !== '\n') {
        const e = src[i]!;
        if (e === '\\') {
          blank(b, i);
          i++;
        } else if (e === '[') cls = true;
        else if (e === ']') cls = false;
        else if (e === '/' && !cls) break;
        blank(b, i);
        i++;
      }
      i++;
      while (i < n && /[a-z]/i.test(src[i]!)) i++;
      lastSig = '/';
      lastWord = '';
      continue;
    }
    if (c === '{') depth++;
    if (c === '}') {
      depth--;
      if (stack.length && stack[stack.length - 1] === depth) {
        stack.pop();
        i++;
        template();
        continue;
      }
    }
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (/[\w$]/.test(c)) {
      let j = i;
      while (j < n && /[\w$]/.test(src[j]!)) j++;
      lastWord = src.slice(i, j);
      lastSig = 'a';
      i = j;
      continue;
    }
    lastSig = c;
    lastWord = '';
    i++;
  }
  return { noComments: a.join(''), codeOnly: b.join('') };
}

/** 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}
