/** Model files: pinned third-party weights resolved from a local folder, the cache or an HTTPS download. */
package io.emojify.model;
