package dev.sa.plugins.ghcu;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.RefinerData;
import java.util.Random;

/**
 * Synthetic refiner data: N = 5 points (eyes, nose, mouth corners) of a template under random
 * similarity transforms, Gaussian heatmaps with one point per face blanked out (occlusion), argmax
 * predictions, and the true points as targets.
 */
final class OccludedFaces implements RefinerData {
  static final double[][] TEMPLATE = {{0.30, 0.35}, {0.70, 0.35}, {0.50, 0.55}, {0.35, 0.75}, {0.65, 0.75}};

  private final int faces;
  private final int h;
  private final float[] heatmaps;
  private final float[] predicted;
  private final float[] target;
  private final int[] blanked;

  OccludedFaces(int faces, int h, long seed) {
    this.faces = faces;
    this.h = h;
    int n = TEMPLATE.length;
    heatmaps = new float[faces * n * h * h];
    predicted = new float[faces * n * 2];
    target = new float[faces * n * 2];
    blanked = new int[faces];
    Random random = new Random(seed);
    double sigma = h / 16.0;
    for (int f = 0; f < faces; f++) {
      double scale = h * (0.55 + 0.25 * random.nextDouble());
      double angle = Math.toRadians(-25 + 50 * random.nextDouble());
      double cx = h / 2.0 + (random.nextDouble() - 0.5) * 0.15 * h;
      double cy = h / 2.0 + (random.nextDouble() - 0.5) * 0.15 * h;
      blanked[f] = random.nextInt(n);
      for (int p = 0; p < n; p++) {
        double u = (TEMPLATE[p][0] - 0.5) * scale + random.nextGaussian() * 0.1;
        double v = (TEMPLATE[p][1] - 0.55) * scale + random.nextGaussian() * 0.1;
        double x = cx + Math.cos(angle) * u - Math.sin(angle) * v;
        double y = cy + Math.sin(angle) * u + Math.cos(angle) * v;
        int c = (f * n + p) * 2;
        target[c] = (float) x;
        target[c + 1] = (float) y;
        int base = (f * n + p) * h * h;
        int best = 0;
        for (int i = 0; i < h * h; i++) {
          double dx = i % h - x;
          double dy = i / h - y;
          float value = p == blanked[f] ? 0f : (float) Math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma));
          heatmaps[base + i] = value;
          if (value > heatmaps[base + best]) {
            best = i;
          }
        }
        predicted[c] = best % h;
        predicted[c + 1] = best / h;
      }
    }
  }

  int blanked(int face) {
    return blanked[face];
  }

  float[] target() {
    return target.clone();
  }

  float[] predicted() {
    return predicted.clone();
  }

  @Override
  public int size() {
    return faces;
  }

  @Override
  public int landmarks() {
    return TEMPLATE.length;
  }

  @Override
  public int heatmapSize() {
    return h;
  }

  @Override
  public Batch batch(NDManager manager, int from, int to) {
    int n = TEMPLATE.length;
    int b = to - from;
    float[] hm = new float[b * n * h * h];
    System.arraycopy(heatmaps, from * n * h * h, hm, 0, hm.length);
    float[] pr = new float[b * n * 2];
    System.arraycopy(predicted, from * n * 2, pr, 0, pr.length);
    float[] tg = new float[b * n * 2];
    System.arraycopy(target, from * n * 2, tg, 0, tg.length);
    return new Batch(manager.create(hm, new Shape(b, n, h, h)), manager.create(pr, new Shape(b, n, 2)),
        manager.create(tg, new Shape(b, n, 2)));
  }
}
