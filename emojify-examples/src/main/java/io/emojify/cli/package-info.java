/** The {@code emojify} command line. */
package io.emojify.cli;
