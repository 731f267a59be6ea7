/**
 * Emojify on Apache Spark: {@link io.emojify.spark.EmojifySpark} turns a collection of image files into rows of faces,
 * emotions and emoji, with an error row for each file that is not a readable image, and a collection of videos into
 * emojified MP4 files (one task each) and one row per video; configured by the serializable
 * {@link io.emojify.spark.EmojifySparkOptions}.
 */
package io.emojify.spark;
