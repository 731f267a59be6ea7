/**
 * The emotion network architectures, shared by the trainer (which trains them) and the library (which loads their weights).
 */
package io.emojify.djl.nn;
