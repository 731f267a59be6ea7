/** The emotion classifier over DJL and the crop that frames a face the way FER-2013 does. */
package io.emojify.djl.emotion;
