/** What the CLI touches of the outside world, so tests can call main() in-process. */
export interface CliIO {
  stdout(text: string): void;
  stderr(line: string): void;
  env: Record<string, string | undefined>;
  /** Where the database folder (ATELIER_DATA_DIR) is resolved: the process cwd, like the server. */
  cwd: string;
  /** Where the user typed the command (pnpm's INIT_CWD): workflow, --set and --out paths. */
  userCwd: string;
  /** Whether stderr is a terminal (a progress bar redrawn in place) or a file/pipe (plain lines). */
  stderrTTY?: boolean;
  /** Writes to stderr as it is (no newline): the progress bar. */
  stderrWrite?: (text: string) => void;
  /** Registers a Ctrl-C handler; returns its removal. */
  onInterrupt?: (handler: () => void) => () => void;
}

export const processIO = (): CliIO => ({
  stdout: (text) => process.stdout.write(`${text}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
  userCwd: process.env.INIT_CWD || process.cwd(),
  stderrTTY: process.stderr.isTTY === true,
  stderrWrite: (text) => process.stderr.write(text),
  onInterrupt: (handler) => {
    process.on('SIGINT', handler);
    return () => process.off('SIGINT', handler);
  },
});
