package dev.sa.app.train;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import dev.sa.support.AtomicFiles;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of a network checkpoint: {@value #PARAMETERS} (DJL's {@code Block.saveParameters},
 * running statistics included) and {@value #OPTIMIZER} (the optimiser's state as an encoded
 * {@link NDList}), each written atomically. A file that cannot be read is reported with its path
 * and what is wrong, never as a bare stream error.
 */
final class NetFiles {
  static final String PARAMETERS = "model.params";
  static final String OPTIMIZER = "optimizer.bin";

  private NetFiles() {}

  static void writeParameters(Block block, Path dir) throws IOException {
    AtomicFiles.write(dir.resolve(PARAMETERS), out -> block.saveParameters(new DataOutputStream(out)));
  }

  /** Writes a non-empty state; an empty one (no step yet) removes the file, which {@link #readOptimizer} reads as a fresh optimiser. */
  static void writeOptimizer(NDList state, Path dir) throws IOException {
    if (state.isEmpty()) {
      // DJL cannot decode the encoding of an empty list, and a zero-byte file means a corrupt one.
      Files.deleteIfExists(dir.resolve(OPTIMIZER));
      return;
    }
    byte[] bytes = state.encode();
    AtomicFiles.write(dir.resolve(OPTIMIZER), out -> out.write(bytes));
  }

  /** Loads {@code dir}'s parameters into {@code block}. */
  static void readParameters(Block block, NDManager manager, Path dir) throws IOException {
    Path file = dir.resolve(PARAMETERS);
    byte[] bytes = Files.readAllBytes(file);
    try {
      block.loadParameters(manager, new DataInputStream(new ByteArrayInputStream(bytes)));
    } catch (MalformedModelException e) {
      throw new IOException(file + ": not a parameter file of this backbone (made with other"
          + " backbone options? an hourglass trained before 2026-12-06 needs backbone.options.norm: batch): "
          + e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new IOException(file + ": truncated or corrupt parameter file (" + bytes.length + " bytes): "
          + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : " " + e.getMessage()), e);
    }
  }

  /** The optimiser state in {@code dir}, attached to {@code manager}, or null when there is no file (a fresh optimiser). */
  static NDList readOptimizer(NDManager manager, Path dir) throws IOException {
    Path file = dir.resolve(OPTIMIZER);
    if (!Files.exists(file)) {
      return null;
    }
    byte[] bytes = Files.readAllBytes(file);
    try {
      return NDList.decode(manager, bytes);
    } catch (RuntimeException e) {
      throw new IOException(file + ": truncated or corrupt optimiser state (" + bytes.length + " bytes): "
          + e.getMessage(), e);
    }
  }
}
