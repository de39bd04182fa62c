/**
 * What a command talks to: results go to `stdout`, progress and logs to `stderr`, so that
 * `scicomp bench --json > r.json` stays clean. Tests pass their own `Io` to `main()`.
 */
export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Folder commands resolve relative paths against (audit scans it by default). */
  cwd: string;
  env: Record<string, string | undefined>;
}

export function processIo(): Io {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
    env: process.env,
  };
}

/** An Io that records everything (tests). */
export function memoryIo(overrides: Partial<Io> = {}): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) { io.out += text; },
    stderr(text: string) { io.err += text; },
    cwd: process.cwd(),
    env: { ...process.env } as Record<string, string | undefined>,
    ...overrides,
  };
  return io;
}

/** Exit codes shared by the commands. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {
  override name = 'UsageError';
}
