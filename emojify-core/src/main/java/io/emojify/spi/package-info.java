/**
 * Backend discovery (the {@link io.emojify.spi.EmojifyProvider} service and how it is found) and what a backend's
 * components build on ({@link io.emojify.spi.CallGuard}, calls apart from closing).
 */
package io.emojify.spi;
