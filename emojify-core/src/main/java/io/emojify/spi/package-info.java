/** Backend discovery: the {@link io.emojify.spi.EmojifyProvider} service and how it is found. */
package io.emojify.spi;
