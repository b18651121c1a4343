package dev.sa.app.run;

import dev.sa.app.config.SaConfig;
import dev.sa.app.train.LandmarkNet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * {@code sa.crossFit} (not in the paper): the networks whose heatmaps Step 1 searches, one per fold
 * of the training faces, each trained on the other folds only, so that no face is searched by a
 * network that has fitted its label.
 *
 * <p>Why: in the paper's loop the search reads the heatmaps of the network being trained, which has
 * seen every training face's human label for the whole baseline; on the label benchmarks its
 * heatmaps peaked near that label, and the search moved the labels little (docs/findings.md).
 * Cross-fitting, as in double machine learning, gives each face heatmaps that carry only what the
 * network learnt from the other faces.
 *
 * @param nets one network per fold, closed with this
 * @param fold the fold of each training face, {@code 0 .. nets.size() - 1}
 */
record CrossFit(List<LandmarkNet> nets, int[] fold) implements AutoCloseable {
  /**
   * Seeded folds of {@code faces} faces: a shuffled order dealt round-robin, so fold sizes differ by
   * at most one.
   */
  static int[] folds(int faces, int k, long seed) {
    if (k < 2 || k > faces) {
      throw new IllegalArgumentException("cross-fitting needs between 2 and " + faces + " folds, got " + k);
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < faces; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    int[] fold = new int[faces];
    for (int j = 0; j < faces; j++) {
      fold[order.get(j)] = j % k;
    }
    return fold;
  }

  /**
   * {@code epochs} of the baseline stretched by K / (K - 1), rounded: a fold network sees (K - 1) / K
   * of the faces per epoch, so it takes as many training steps as the baseline. Why: with the
   * baseline's epochs (half its steps at K = 2) the fold networks of the centred label benchmark
   * scored 12.7-13.8 validation NME against the baseline's 7.66, which is what the baseline itself
   * scored after half its epochs (12.9): they were short of steps, not of faces.
   */
  static int stretch(int epochs, int k) {
    return (int) Math.round(epochs * (double) k / (k - 1));
  }

  /** The baseline's schedule with its milestones stretched as {@link #stretch(int, int)}. */
  static SaConfig.Schedule stretch(SaConfig.Schedule s, int k) {
    return new SaConfig.Schedule(s.lr(), s.milestones().stream().map(m -> stretch(m, k)).toList(), s.factors());
  }

  /** The indices of the faces outside fold {@code k}: the ones its network trains on. */
  static List<Integer> outside(int[] fold, int k) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < fold.length; i++) {
      if (fold[i] != k) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public void close() {
    for (LandmarkNet n : nets) {
      n.close();
    }
  }
}
