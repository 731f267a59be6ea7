/** A user's own plug-ins for Emojify: a toy face detector and a toy emotion classifier, checked by the contract tests. */
package org.example.emojify;
