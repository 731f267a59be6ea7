/**
 * The training loop: a session ({@link io.emojify.trainer.train.Trainer}) starts from a checkpoint, a kept run or anew
 * ({@code RunStart}, {@link io.emojify.trainer.train.KeptRun}), trains epochs ({@code EpochLoop}, {@code TrainingStep};
 * Nesterov SGD, ReduceLROnPlateau or cosine annealing, distillation from a teacher), validates each ({@code Validation})
 * and keeps resumable checksummed checkpoints and the best weights ({@link io.emojify.trainer.train.RunFolder},
 * {@link io.emojify.trainer.train.Checkpoints}).
 */
package io.emojify.trainer.train;
