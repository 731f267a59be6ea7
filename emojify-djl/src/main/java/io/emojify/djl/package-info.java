/** The DJL backend of Emojify: its service provider and engine choice. */
package io.emojify.djl;
