/**
 * The {@code emojify-spark} command ({@link io.emojify.spark.cli.SparkCommand}), which runs a folder of images through
 * Spark in local mode, and {@link io.emojify.spark.cli.ThroughputRun}, the measurement of Spark against a plain loop.
 */
package io.emojify.spark.cli;
