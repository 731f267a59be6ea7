/** Emoji art support that needs a library: SVG drawing with JSVG. */
package io.emojify.djl.emoji;
