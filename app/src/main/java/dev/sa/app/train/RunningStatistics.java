package dev.sa.app.train;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import dev.sa.api.EngineArrays;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-estimates BatchNorm's running averages at fixed weights ("precise BatchNorm": Wu and Johnson,
 * "Rethinking 'Batch' in BatchNorm", 2021, section 3; fvcore's {@code update_bn_stats}): the mean
 * and variance that each batch normalises by in training, averaged over the batches with equal
 * weight, replace the engine's exponential moving averages.
 *
 * <p>Why: the engine moves a running average by {@code r <- m r + (1 - m) b} after every training
 * step ({@code m} = DJL's momentum, 0.9 by default), so the average mixes the statistics of the last
 * ten or so weights; at a high learning rate they are far from the final weights', and evaluation
 * normalises the final weights' features by statistics the network never produced
 * (docs/training-stability.md, section 6).
 *
 * <p>How, without a hook into the engine's kernel: each running average is set to 0 before a batch's
 * training-mode pass, so the pass leaves {@code (1 - m) b} in it; the sums over the batches divided
 * by {@code n (1 - m)} are the averages. The momentum is read from each DJL {@link BatchNorm} block
 * (DJL keeps it in a private field; a block whose momentum cannot be read keeps its averages).
 */
final class RunningStatistics {
  /** One running average with the share {@code 1 - m} a training pass adds of the batch's statistic. */
  private record Entry(Parameter parameter, float share, float[] sum, float[] saved) {}

  private final List<Entry> entries = new ArrayList<>();
  private int batches;

  /** The running averages of every DJL BatchNorm block under {@code block}. */
  RunningStatistics(Block block) {
    collect(block);
  }

  private void collect(Block block) {
    if (block instanceof BatchNorm bn) {
      float momentum = momentum(bn);
      if (momentum < 1) {
        for (Pair<String, Parameter> p : bn.getParameters()) {
          Parameter.Type t = p.getValue().getType();
          if (t == Parameter.Type.RUNNING_MEAN || t == Parameter.Type.RUNNING_VAR) {
            float[] saved = p.getValue().getArray().toFloatArray();
            entries.add(new Entry(p.getValue(), 1 - momentum, new float[saved.length], saved));
          }
        }
      }
    }
    for (Pair<String, Block> child : block.getChildren()) {
      collect(child.getValue());
    }
  }

  /** DJL's momentum of {@code bn}, or 1 (unknown: leave its averages alone). */
  static float momentum(BatchNorm bn) {
    try {
      Field f = BatchNorm.class.getDeclaredField("momentum");
      f.setAccessible(true);
      return f.getFloat(bn);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return 1f;
    }
  }

  /** Whether there is anything to re-estimate. */
  boolean isEmpty() {
    return entries.isEmpty();
  }

  /** Call before each batch's training-mode pass: the pass then leaves its own share in each average. */
  void beforeBatch() {
    for (Entry e : entries) {
      NDArray a = e.parameter().getArray();
      a.subi(a);
    }
  }

  /** Call after each batch's training-mode pass (forward, and backward where the engine updates there). */
  void afterBatch() {
    for (Entry e : entries) {
      float[] v = e.parameter().getArray().toFloatArray();
      for (int i = 0; i < v.length; i++) {
        e.sum()[i] += v[i];
      }
    }
    batches++;
  }

  /** Writes the averages over the batches seen into the running averages; returns the batch count. */
  int finish() {
    if (batches == 0) {
      return 0;
    }
    for (Entry e : entries) {
      float[] mean = new float[e.sum().length];
      for (int i = 0; i < mean.length; i++) {
        mean[i] = e.sum()[i] / (batches * e.share());
      }
      EngineArrays.set(e.parameter().getArray(), mean);
    }
    return batches;
  }

  /** Puts back the averages as they were before the first batch (after a failed pass). */
  void restore() {
    for (Entry e : entries) {
      EngineArrays.set(e.parameter().getArray(), e.saved());
    }
  }
}
