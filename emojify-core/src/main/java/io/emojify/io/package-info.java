/**
 * Writing files so that a reader never sees half of one ({@link io.emojify.io.AtomicFiles}), and saying in one line why a
 * file operation failed ({@link io.emojify.io.FileErrors}).
 */
package io.emojify.io;
