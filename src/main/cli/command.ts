import type { TypedClient } from '../../shared/api/client';

/** What every command receives: its own module, so helpers (options, job waits) can name it without importing the command table. */
export interface CommandContext {
  client: TypedClient;
  args: string[];
  options: Record<string, string | boolean | string[] | undefined>;
  readStdin(): Promise<string>;
  progress(line: string): void;
  /** Writes to stdout at once, for output that streams (JSON lines). */
  write(text: string): void;
}

/** What a command hands back: data for --json, and the same for people as text. */
export interface CommandOutput {
  data: unknown;
  text: string;
  /** Set when the output is a finding that should fail a script (e.g. a dataset that does not validate); 0 otherwise. */
  exitCode?: number;
  /** The command already wrote its output with write(); nothing is printed after it. */
  streamed?: boolean;
}

export type Command = (ctx: CommandContext) => Promise<CommandOutput>;
