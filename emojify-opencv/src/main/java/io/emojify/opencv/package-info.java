/** The OpenCV backend: a download-free Haar cascade face detector, the fallback when YuNet cannot be had. */
package io.emojify.opencv;
