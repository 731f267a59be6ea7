/** The trainer's command line: train, evaluate, export and framing. */
package io.emojify.trainer;
