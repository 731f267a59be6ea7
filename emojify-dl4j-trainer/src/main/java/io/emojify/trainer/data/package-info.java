/** FER-2013 loading (folder layout and CSV) and the paper's augmentation. */
package io.emojify.trainer.data;
