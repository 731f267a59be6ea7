/**
 * Emojifying many images in one run ({@link io.emojify.batch.BatchAnnotator}): files and folders given become jobs, each
 * result is named below one output folder, every collision is refused before any work, results are placed atomically, and
 * one bad file never stops the others. What happens is told to a {@link io.emojify.batch.BatchListener}.
 */
package io.emojify.batch;
