/** Metrics, evaluation through the library's classifier on either engine, and the framing measurement. */
package io.emojify.trainer.eval;
