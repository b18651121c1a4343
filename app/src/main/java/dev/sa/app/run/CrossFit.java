package dev.sa.app.run;

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
