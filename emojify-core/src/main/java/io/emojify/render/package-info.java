/** Rendering: draws emoji, badges or debug boxes onto a copy of an image. */
package io.emojify.render;
