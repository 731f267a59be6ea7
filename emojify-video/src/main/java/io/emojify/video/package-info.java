/** Video files through Emojify: decode with FFmpeg, annotate with face tracking, encode with the audio kept. */
package io.emojify.video;
