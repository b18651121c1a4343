package dev.sa.plugins.ghcu;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.RefinerData;

/** Random heatmaps and coordinates of any N and h, for shape tests and timing. */
final class RandomRefinerData implements RefinerData {
  private final int faces;
  private final int n;
  private final int h;

  RandomRefinerData(int faces, int n, int h) {
    this.faces = faces;
    this.n = n;
    this.h = h;
  }

  @Override
  public int size() {
    return faces;
  }

  @Override
  public int landmarks() {
    return n;
  }

  @Override
  public int heatmapSize() {
    return h;
  }

  @Override
  public Batch batch(NDManager manager, int from, int to) {
    int b = to - from;
    manager.getEngine().setRandomSeed(from);
    return new Batch(manager.randomUniform(0, 1, new Shape(b, n, h, h)),
        manager.randomUniform(0, h, new Shape(b, n, 2)), manager.randomUniform(0, h, new Shape(b, n, 2)));
  }
}
