package dev.sa.app.run;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.EngineArrays;
import dev.sa.api.RefinerData;
import dev.sa.app.config.SaConfig;
import dev.sa.app.data.BatchSource;
import dev.sa.app.eval.Inference;
import dev.sa.app.method.Labels;
import dev.sa.app.train.LandmarkNet;
import java.util.ArrayList;
import java.util.List;

/**
 * Refiner training data: heatmaps of the plain training crops, then {@code passes} passes over
 * the same faces with the training augmentation (sample {@code i} is face {@code i % L} of pass
 * {@code i / L}, pass 0 plain; each pass seeded). They are computed once, in batches, and kept in
 * memory when they fit in {@link #CACHE_LIMIT} bytes (refiners read faces in random order every
 * epoch); otherwise each request runs the network on the faces asked for.
 */
final class TrainingHeatmaps implements RefinerData {
  private static final long CACHE_LIMIT = 1L << 31;
  private final RunContext ctx;
  private final LandmarkNet net;
  private final Labels labels;
  private final int passes;
  private final BatchSource.Augment augment;
  private final long seed;
  private final int batchSize;
  private final int n;
  private final int hh;
  private float[] maps;
  private float[] pred;
  private float[] target;

  /**
   * @param c the variant's config (augmentation, seed)
   */
  TrainingHeatmaps(RunContext ctx, LandmarkNet net, Labels labels, int passes, SaConfig c) {
    this.ctx = ctx;
    this.batchSize = ctx.config().evaluate().batchSize();
    this.net = net;
    this.labels = labels;
    this.passes = passes;
    SaConfig.AugmentConfig a = c.augment();
    this.augment = new BatchSource.Augment(a.rotationStd(), a.scaleStd(), a.shiftStd(), a.flip());
    this.seed = c.seed() + 7919;
    this.n = ctx.scheme().count();
    this.hh = ctx.frames().heatmapSize() * ctx.frames().heatmapSize();
    if ((long) size() * n * hh * 4 <= CACHE_LIMIT) {
      maps = new float[size() * n * hh];
      pred = new float[size() * n * 2];
      target = new float[size() * n * 2];
      compute(0, size(), maps, pred, target, 0);
    }
  }

  @Override
  public int size() {
    return labels.size() * (1 + passes);
  }

  @Override
  public int landmarks() {
    return n;
  }

  @Override
  public int heatmapSize() {
    return ctx.frames().heatmapSize();
  }

  @Override
  public Batch batch(NDManager manager, int from, int to) {
    int b = to - from;
    float[] m;
    float[] p;
    float[] t;
    if (maps != null) {
      m = java.util.Arrays.copyOfRange(maps, from * n * hh, to * n * hh);
      p = java.util.Arrays.copyOfRange(pred, from * n * 2, to * n * 2);
      t = java.util.Arrays.copyOfRange(target, from * n * 2, to * n * 2);
    } else {
      m = new float[b * n * hh];
      p = new float[b * n * 2];
      t = new float[b * n * 2];
      compute(from, to, m, p, t, from);
    }
    int h = heatmapSize();
    return new Batch(EngineArrays.create(manager, m, new Shape(b, n, h, h)), EngineArrays.create(manager, p, new Shape(b, n, 2)),
        EngineArrays.create(manager, t, new Shape(b, n, 2)));
  }

  /** Fills samples [from, to) into arrays whose sample 0 is {@code base}, one pass at a time. */
  private void compute(int from, int to, float[] m, float[] p, float[] t, int base) {
    int faces = labels.size();
    for (int pass = from / faces; pass <= (to - 1) / faces; pass++) {
      int first = Math.max(from, pass * faces);
      int last = Math.min(to, (pass + 1) * faces);
      computePass(pass, first, last, m, p, t, base);
    }
  }

  private void computePass(int pass, int from, int to, float[] m, float[] p, float[] t, int base) {
    int faces = labels.size();
    List<BatchSource.Item> items = new ArrayList<>();
    for (int i = from; i < to; i++) {
      items.add(new BatchSource.Item(i, labels.sample(i % faces), null));
    }
    Inference.BatchConsumer fill = (batch, step, output) -> {
      float[] v = output.toFloatArray();
      for (int i = 0; i < batch.size(); i++) {
        int index = batch.items().get(i).index();
        int j = index - base;
        System.arraycopy(v, i * n * hh, m, j * n * hh, n * hh);
        for (int k = 0; k < n; k++) {
          double[] d = ctx.codec().decode(v, (i * n + k) * hh);
          p[(j * n + k) * 2] = (float) d[0];
          p[(j * n + k) * 2 + 1] = (float) d[1];
        }
        ctx.frames().toHeatmap(batch.transforms().get(i), labels.searched(index % faces), t, j * n * 2);
      }
    };
    if (pass == 0) {
      Inference.run(net, ctx.batches(), items, batchSize, fill);
    } else {
      Inference.run(net, ctx.batches(), items, batchSize, augment, seed + pass, fill);
    }
  }
}
