import yargs, { type CommandModule } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { commonOptions, type CommonArgs } from './common-options.js';
import { runCli, usageFailHandler, type RunCliOptions } from './run-cli.js';

/** Options of {@link appMain}. */
export interface AppMainOptions extends RunCliOptions {
  /** The program name shown in help and usage (`scriptName`). */
  readonly name: string;
  /** Default of `--out`; `runs/<name>` unless given. */
  readonly out?: string;
  /** The description under `$0 <command> [options]` in `--help`. */
  readonly usage: string;
  /** The subcommands, in the order `--help` lists them. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each command declares its own argv type
  readonly commands: readonly CommandModule<CommonArgs, any>[];
  /**
   * The start of the usage error printed when no command is given, which goes on to list the
   * commands: `<noCommand>: train, eval or predict`. Default `give a command`.
   */
  readonly noCommand?: string;
  /** Width of the help text (yargs `.wrap()`); yargs' own default unless given. */
  readonly wrap?: number;
}

/**
 * The whole `main` of an app CLI: the {@link commonOptions} (with the app's `--out` default), the
 * usage line, the commands, one required command, `strict()` parsing, usage errors through
 * {@link usageFailHandler}, `--help`, all run by {@link runCli} (one printed error, exit code set
 * and returned). The arguments are `args`, or `process.argv` without node and the script.
 *
 * @example
 * // apps/tagger/src/cli/main.ts
 * await appMain({
 *   name: 'tagger', // --out defaults to runs/tagger
 *   usage: 'BiLSTM-CRF sequence labelling.',
 *   commands: [trainCommand, evalCommand, predictCommand],
 *   noCommand: 'name a command',
 * });
 * // `tagger` alone prints "error: name a command: train, eval or predict" and exits 2
 */
export function appMain(options: AppMainOptions): Promise<number> {
  const args = options.args ?? hideBin(process.argv);
  return runCli(
    () => {
      const out = options.out ?? `runs/${options.name}`;
      let parser = commonOptions(yargs([...args]).scriptName(options.name), { out }).usage(
        `$0 <command> [options]\n\n${options.usage}`,
      );
      for (const command of options.commands) parser = parser.command(command);
      const noCommand = `${options.noCommand ?? 'give a command'}: ${commandList(options.commands)}`;
      parser = parser.demandCommand(1, noCommand).strict();
      if (options.wrap !== undefined) parser = parser.wrap(options.wrap);
      return parser.fail(usageFailHandler).help().parseAsync();
    },
    { args, ...(options.write === undefined ? {} : { write: options.write }) },
  );
}

/** `train, eval or predict`: the first word of each command, as `--help` lists them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- as in AppMainOptions.commands
function commandList(commands: readonly CommandModule<CommonArgs, any>[]): string {
  const names = commands.map(({ command }) => {
    const first = Array.isArray(command) ? command[0] : command;
    return String(first ?? '').split(' ')[0];
  });
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
