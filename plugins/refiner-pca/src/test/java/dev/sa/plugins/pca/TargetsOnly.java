package dev.sa.plugins.pca;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.RefinerData;
import java.util.List;

/** Refiner data that carries only targets (flat heatmaps, predictions equal to the targets). */
final class TargetsOnly implements RefinerData {
  static final int H = 4;

  private final List<double[]> shapes;

  TargetsOnly(List<double[]> shapes) {
    this.shapes = List.copyOf(shapes);
  }

  @Override
  public int size() {
    return shapes.size();
  }

  @Override
  public int landmarks() {
    return shapes.get(0).length / 2;
  }

  @Override
  public int heatmapSize() {
    return H;
  }

  @Override
  public Batch batch(NDManager manager, int from, int to) {
    int n = landmarks();
    float[] target = new float[(to - from) * 2 * n];
    for (int f = from; f < to; f++) {
      for (int j = 0; j < 2 * n; j++) {
        target[(f - from) * 2 * n + j] = (float) shapes.get(f)[j];
      }
    }
    return new Batch(manager.ones(new Shape(to - from, n, H, H)), manager.create(target, new Shape(to - from, n, 2)),
        manager.create(target, new Shape(to - from, n, 2)));
  }
}
