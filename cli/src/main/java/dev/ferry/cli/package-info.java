/**
 * The {@code ferry} command: {@link dev.ferry.cli.Ferry} and its subcommands, one class each, the
 * exit codes ({@link dev.ferry.cli.ExitCodes}) and the one-line error handler.
 */
@NullMarked
package dev.ferry.cli;

import org.jspecify.annotations.NullMarked;
