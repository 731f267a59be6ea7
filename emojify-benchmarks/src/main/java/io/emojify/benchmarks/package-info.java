/** JMH benchmarks of Emojify (see docs/PERFORMANCE.md). */
package io.emojify.benchmarks;
