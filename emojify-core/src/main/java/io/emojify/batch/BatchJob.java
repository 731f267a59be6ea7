package io.emojify.batch;

import java.nio.file.Path;

/**
 * One image of a batch and where its result goes.
 *
 * @param input the image file
 * @param output where its result is written, or {@code null} when the batch writes no images
 */
public record BatchJob(Path input, Path output) {}
