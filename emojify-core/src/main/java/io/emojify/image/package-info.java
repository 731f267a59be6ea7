/** Image input: the single, size-checked decoding entry point for image files. */
package io.emojify.image;
