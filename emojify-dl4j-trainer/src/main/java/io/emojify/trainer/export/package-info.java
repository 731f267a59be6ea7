/** Model folders: ONNX export written from Java, model cards and plots. */
package io.emojify.trainer.export;
