/**
 * Emojify: finds faces, classifies their expression into the seven FER-2013 emotions and draws the matching emoji.
 * {@link io.emojify.Emojify} is the entry point.
 */
package io.emojify;
