/** Video: following faces across frames and steadying their emoji (smoothing and hysteresis). */
package io.emojify.track;
