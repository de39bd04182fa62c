/**
 * The `scicomp` program: `bench`, `health` and `audit` subcommands. Every bin is a thin
 * shim around `main(argv, io)`, which returns the exit code instead of exiting, so tests
 * call it directly.
 */
import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { type Io, EXIT_OK, EXIT_USAGE, UsageError, processIo } from './io.js';
import { packageVersion } from './root.js';
import { DEFAULTS, runBench } from './bench/runner.js';
import { type HealthHooks, runHealth } from './health/health.js';
import { type AuditHooks, runAudit } from './audit/audit.js';
import { CATEGORIES } from './audit/types.js';

function nonNegative(name: string) {
  return (value: string): number => {
    const x = Number(value);
    if (value.trim() === '' || !Number.isFinite(x) || x < 0) throw new InvalidArgumentError(`${name} must be a non-negative number, got ${value}`);
    return x;
  };
}

function positiveInteger(name: string) {
  return (value: string): number => {
    const x = Number(value);
    if (!Number.isInteger(x) || x < 1) throw new InvalidArgumentError(`${name} must be a positive integer, got ${value}`);
    return x;
  };
}

export interface BenchCliOptions {
  filter?: string;
  time: number;
  iterations: number;
  peers?: true | string;
  json?: true | string;
  baseline?: string;
  maxRegression: number;
  cases?: string;
  timeout: number;
}

/** Extra knobs for tests (not reachable from the command line). */
export interface MainHooks {
  benchChildScript?: string;
  health?: HealthHooks;
  audit?: AuditHooks;
}

function auditCommand(io: Io, hooks: MainHooks, setCode: (c: number) => void): Command {
  return new Command('audit')
    .description('scan a project folder for vulnerable dependencies, secrets, loose permissions, dangerous code, risky configuration and Dockerfile problems; exit 0 with no critical finding, 1 with any')
    .argument('[dir]', 'the folder to scan (default: the current folder)')
    .option('--json', 'print the findings and summary as JSON')
    .option('--skip <categories>', `comma-separated categories not to check (${CATEGORIES.join(', ')})`)
    .action(async (dir: string | undefined, o: { json?: boolean; skip?: string }) => {
      setCode(await runAudit({ json: o.json === true, ...(dir !== undefined ? { dir } : {}), ...(o.skip !== undefined ? { skip: o.skip } : {}) }, io, hooks.audit));
    });
}

function percent(name: string) {
  return (value: string): number => {
    const x = Number(value);
    if (value.trim() === '' || !(x >= 0 && x <= 100)) throw new InvalidArgumentError(`${name} must be a percentage in [0, 100], got ${value}`);
    return x;
  };
}

function healthCommand(io: Io, hooks: MainHooks, setCode: (c: number) => void): Command {
  return new Command('health')
    .description('check that the WASM module loads, that every kernel area gives a known answer, and the machine\'s resources; exit 0 healthy, 2 degraded, 1 unhealthy')
    .option('--json', 'print the report as JSON')
    .option('--url <url>', 'check a running service\'s health endpoint (<url>/health when <url> has no path) instead of this installation')
    .option('--warn-at <percent>', 'a resource above this percentage of its budget warns', percent('--warn-at'), 85)
    .option('--fail-at <percent>', 'a resource above this percentage of its budget fails', percent('--fail-at'), 95)
    .option('--timeout <ms>', 'how long --url may take, in milliseconds', nonNegative('--timeout'), 5000)
    .action(async (o: { json?: boolean; url?: string; warnAt: number; failAt: number; timeout: number }) => {
      setCode(
        await runHealth(
          { json: o.json === true, warnAt: o.warnAt, failAt: o.failAt, timeout: o.timeout, ...(o.url !== undefined ? { url: o.url } : {}) },
          io,
          hooks.health,
        ),
      );
    });
}

function benchCommand(io: Io, hooks: MainHooks, setCode: (c: number) => void): Command {
  return new Command('bench')
    .description('run the benchmark cases (bench/cases/*.mjs), each implementation in its own process, and print a table')
    .option('--filter <pattern>', 'run only cases whose name contains <pattern> (or matches it as a regular expression, or whose area is <pattern>)')
    .option('--time <ms>', 'time budget per case and implementation, in milliseconds', nonNegative('--time'), DEFAULTS.time)
    .option('--iterations <n>', 'minimum number of timed samples per case and implementation', positiveInteger('--iterations'), DEFAULTS.iterations)
    .option('--peers [names]', 'also run the installed peer libraries (all, or a comma-separated list); a peer that is not installed is skipped with a note')
    .option('--json [file]', 'write the JSON report to <file>; without <file>, print JSON to stdout instead of the table')
    .option('--baseline <file>', 'compare medians with a saved JSON report; exit 1 if a case got slower than --max-regression allows')
    .option('--max-regression <percent>', 'allowed slowdown of a median against --baseline, in percent', nonNegative('--max-regression'), DEFAULTS.maxRegression)
    .option('--cases <dir>', 'folder of *.mjs suites (default: the package\'s bench/cases)')
    .option('--timeout <ms>', 'kill a case and implementation that runs longer than this, in milliseconds', nonNegative('--timeout'), DEFAULTS.timeout)
    .action(async (o: BenchCliOptions) => {
      const peers = o.peers === undefined ? false : o.peers === true ? true : o.peers.split(',').map((s) => s.trim()).filter(Boolean);
      setCode(
        await runBench(
          {
            time: o.time,
            iterations: o.iterations,
            peers,
            maxRegression: o.maxRegression,
            timeout: o.timeout,
            ...(o.filter !== undefined ? { filter: o.filter } : {}),
            ...(o.json !== undefined ? { json: o.json } : {}),
            ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
            ...(o.cases !== undefined ? { cases: o.cases } : {}),
            ...(hooks.benchChildScript ? { childScript: hooks.benchChildScript } : {}),
          },
          io,
        ),
      );
    });
}

export function program(io: Io, hooks: MainHooks, setCode: (c: number) => void): Command {
  const output = { writeOut: (s: string) => io.stdout(s), writeErr: (s: string) => io.stderr(s) };
  const prog = new Command('scicomp')
    .description('scicomp operations: benchmarks, health checks and a security audit')
    .version(packageVersion(), '-V, --version', 'print the package version')
    .helpOption('-h, --help', 'show help')
    .showHelpAfterError('(add --help for the options)')
    .configureOutput(output)
    .exitOverride();
  for (const cmd of [benchCommand(io, hooks, setCode), healthCommand(io, hooks, setCode), auditCommand(io, hooks, setCode)]) {
    cmd.helpOption('-h, --help', 'show help').configureOutput(output).exitOverride().showHelpAfterError('(add --help for the options)');
    prog.addCommand(cmd);
  }
  return prog;
}

/** Run the program on `argv` (the user's arguments, without node and the script). */
export async function main(argv: readonly string[], io: Io = processIo(), hooks: MainHooks = {}): Promise<number> {
  let code = EXIT_OK;
  const prog = program(io, hooks, (c) => (code = c));
  try {
    if (argv.length === 0) {
      prog.outputHelp({ error: true });
      return EXIT_USAGE;
    }
    await prog.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return EXIT_OK;
      return EXIT_USAGE;
    }
    if (err instanceof UsageError) {
      io.stderr(`scicomp: ${err.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`scicomp: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return 1;
  }
}

