package dev.sa.app.run;

import dev.sa.app.data.BatchSource;
import dev.sa.app.eval.Inference;
import dev.sa.app.method.Labels;
import dev.sa.app.method.SearchStep;
import dev.sa.app.train.LandmarkNet;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 1 over every face of a label set: the network predicts heatmaps on each face's plain
 * (un-augmented) crop, batch by batch, and {@link SearchStep} searches y^ from them.
 */
public final class SearchPass {
  private SearchPass() {}

  /**
   * @return seconds spent in the search itself (chi-square and argmin, with the mapping of o and
   *     y^), without the forward passes
   */
  public static double run(LandmarkNet net, BatchSource batches, SearchStep step, Labels labels, int batchSize) {
    return run(List.of(net), new int[labels.size()], batches, step, labels, batchSize);
  }

  /**
   * The same pass with the heatmaps of face {@code i} from {@code nets.get(fold[i])} (cross-fitting:
   * each face searched by a network that did not train on it).
   */
  public static double run(List<LandmarkNet> nets, int[] fold, BatchSource batches, SearchStep step, Labels labels,
      int batchSize) {
    if (step.keepsObservations()) {
      step.keepObservations(labels);
      return 0;
    }
    long[] nanos = {0};
    for (int k = 0; k < nets.size(); k++) {
      List<BatchSource.Item> items = new ArrayList<>();
      for (int i = 0; i < labels.size(); i++) {
        if (fold[i] == k) {
          items.add(new BatchSource.Item(i, labels.sample(i), null));
        }
      }
      Inference.run(nets.get(k), batches, items, batchSize, (batch, manager, heatmaps) -> {
        int[] indices = batch.items().stream().mapToInt(BatchSource.Item::index).toArray();
        nanos[0] += step.searchBatch(manager, heatmaps, batch.transforms(), indices, labels);
      });
    }
    long s0 = System.nanoTime();
    step.finishPass(labels);
    nanos[0] += System.nanoTime() - s0;
    return nanos[0] / 1e9;
  }
}
