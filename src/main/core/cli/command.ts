/** One `hedgedesk` subcommand. */
export interface CliCommand {
  /** One line for `hedgedesk --help`. */
  summary: string;
  /** Options block for `hedgedesk --help` (already indented). */
  help: string;
  /** Runs it; resolves when the command has started (servers keep running until a signal). */
  run(args: string[]): Promise<void>;
}
