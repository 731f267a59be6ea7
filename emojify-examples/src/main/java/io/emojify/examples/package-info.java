/** Small runnable examples of the Emojify API. */
package io.emojify.examples;
