/** Emotion model folders: the model card and the weights for both engines, and the model shipped in the jar. */
package io.emojify.djl.model;
