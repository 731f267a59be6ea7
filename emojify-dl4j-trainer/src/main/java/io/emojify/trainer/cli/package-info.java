/**
 * The trainer's subcommands, one class each ({@code train}, {@code export}, {@code evaluate} and the rest), their shared
 * options as picocli mixins ({@link io.emojify.trainer.cli.DataOption}, {@link io.emojify.trainer.cli.EngineOption},
 * {@link io.emojify.trainer.cli.LimitOption}), and how a user error is said: one line, exit code 2
 * ({@link io.emojify.trainer.cli.UserError}, {@link io.emojify.trainer.cli.ErrorReport}).
 */
package io.emojify.trainer.cli;
