/**
 * The trainer's entry point, {@code emojify-trainer} ({@link io.emojify.trainer.TrainerCommand}); its subcommands live in
 * {@code io.emojify.trainer.cli}, the training in {@code train}, data in {@code data}, measurements in {@code eval} and
 * model folders in {@code export}.
 */
package io.emojify.trainer;
