/**
 * Emojify on Apache Spark: {@link io.emojify.spark.EmojifySpark} turns a collection of image files into rows of faces,
 * emotions and emoji, with an error row for each file that is not a readable image, configured by the serializable
 * {@link io.emojify.spark.EmojifySparkOptions}.
 */
package io.emojify.spark;
