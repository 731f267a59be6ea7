/** The training loop: Nesterov SGD, ReduceLROnPlateau, resumable checksummed checkpoints. */
package io.emojify.trainer.train;
