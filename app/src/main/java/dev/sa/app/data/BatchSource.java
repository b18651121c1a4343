package dev.sa.app.data;

import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.method.Frames;
import dev.sa.app.method.Frames.CropTransform;
import dev.sa.app.method.TargetWeights;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Turns face samples into batches of crops and target heatmaps on worker threads, a few batches
 * ahead of the training step, so decoding and augmentation never starve the engine.
 */
public final class BatchSource implements AutoCloseable {
  /** A face and the landmarks to train it on (human, searched or true), in image pixels. */
  public record Item(int index, FaceSample sample, Landmarks targetInImage) {}

  /**
   * One batch. {@code images}: (B, 3, S, S); {@code targets}: (B, N, h, h) or null; {@code weights}
   * (B, N, h, h) for the chi-square loss or null; {@code targetsInCrop}: (B, N, 2) crop pixels or
   * null; transforms map image to crop per face.
   */
  public record Batch(int size, float[] images, float[] targets, float[] weights, float[] targetsInCrop,
      List<CropTransform> transforms, List<Item> items) {
    /**
     * A seeded batch of {@code b} random crops of side {@code size} with one-hot targets on
     * {@code n} heatmaps of side {@code h} and random coordinates (benchmarks and tests).
     */
    public static Batch random(int b, int size, int n, int h, long seed) {
      Random r = new Random(seed);
      float[] images = new float[b * 3 * size * size];
      for (int i = 0; i < images.length; i++) {
        images[i] = r.nextFloat() - 0.5f;
      }
      float[] targets = new float[b * n * h * h];
      float[] coords = new float[b * n * 2];
      for (int i = 0; i < b * n; i++) {
        targets[i * h * h + r.nextInt(h * h)] = 1f;
        coords[2 * i] = r.nextFloat() * size;
        coords[2 * i + 1] = r.nextFloat() * size;
      }
      return new Batch(b, images, targets, null, coords, List.of(), List.of());
    }
  }

  /** Augmentation strengths (paper Section 5: Gaussian rotation and scale, flips). */
  public record Augment(double rotationStd, double scaleStd, double shiftStd, boolean flip) {
    public static final Augment NONE = new Augment(0, 0, 0, false);
  }

  private final ExecutorService pool;
  private final Frames frames;
  private final HeatmapCodec codec;
  private final int landmarks;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  private volatile Consumer<String> skipWarn;

  /**
   * @param frames the crop and heatmap geometry
   * @param codec renders the target heatmaps (its size must be the frames' heatmap size)
   */
  public BatchSource(int workers, Frames frames, HeatmapCodec codec) {
    if (codec.heatmapSize() != frames.heatmapSize()) {
      throw new IllegalArgumentException("codec heatmap size " + codec.heatmapSize() + " != frames' "
          + frames.heatmapSize());
    }
    this.pool = Executors.newFixedThreadPool(Math.max(1, workers), r -> {
      Thread t = new Thread(r, "sa-data");
      t.setDaemon(true);
      return t;
    });
    this.frames = frames;
    this.codec = codec;
    this.landmarks = frames.landmarks();
  }

  public HeatmapCodec codec() {
    return codec;
  }

  public Frames frames() {
    return frames;
  }

  /**
   * The batches of one pass, in order; shuffled with {@code seed} when {@code shuffle}. Targets are
   * rendered for items that carry landmarks. Each face's augmentation is drawn from its own seeded
   * generator, so a pass is reproducible whatever the thread timing.
   */
  public Iterator<Batch> pass(List<Item> items, int batchSize, Augment augment, boolean shuffle, long seed) {
    return pass(items, batchSize, augment, shuffle, seed, null);
  }

  /** As above; {@code weights} (or null) renders per-pixel loss weights beside every target. */
  public Iterator<Batch> pass(List<Item> items, int batchSize, Augment augment, boolean shuffle, long seed,
      TargetWeights weights) {
    List<Item> order = new ArrayList<>(items);
    if (shuffle) {
      Collections.shuffle(order, new Random(seed));
    }
    List<List<Item>> chunks = new ArrayList<>();
    for (int i = 0; i < order.size(); i += batchSize) {
      chunks.add(order.subList(i, Math.min(order.size(), i + batchSize)));
    }
    int ahead = 4;
    return new Iterator<>() {
      private final ArrayDeque<Future<Batch>> queue = new ArrayDeque<>();
      private int next;
      private Batch pending;

      private void fill() {
        while (queue.size() < ahead && next < chunks.size()) {
          List<Item> chunk = chunks.get(next++);
          queue.add(pool.submit(() -> build(chunk, augment, seed, weights)));
        }
      }

      /** The next batch with at least one face (a batch whose faces were all skipped is dropped). */
      @Override
      public boolean hasNext() {
        while (pending == null) {
          fill();
          if (queue.isEmpty()) {
            return false;
          }
          Batch b = take(queue.poll());
          pending = b.size() > 0 ? b : null;
        }
        return true;
      }

      @Override
      public Batch next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        Batch b = pending;
        pending = null;
        return b;
      }
    };
  }

  private static Batch take(Future<Batch> f) {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SaException.runtime("interrupted while loading data", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SaException se) {
        throw se;
      }
      throw SaException.runtime("data loading failed: " + e.getCause().getMessage(), e.getCause());
    }
  }

  /**
   * Skips, from now on, a face whose image cannot be decoded during a pass instead of failing the
   * pass ({@code dataset.skipBadSamples: true}): the face is left out of its batch (the other faces
   * keep their seeded augmentation, so a pass stays reproducible and a resumed run skips the same
   * face), and {@code warn} gets one line naming the file, once per file for the life of this
   * source. Returns this source.
   */
  public BatchSource skippingBadImages(Consumer<String> warn) {
    this.skipWarn = warn;
    return this;
  }

  /** The image of {@code item}, or null when it cannot be decoded and bad images are skipped. */
  private BufferedImage load(Item item) {
    String problem;
    Throwable cause = null;
    try {
      BufferedImage img = item.sample().image().load();
      if (img != null) {
        return img;
      }
      problem = "not a readable image";
    } catch (IOException | RuntimeException e) {
      problem = "cannot decode image: " + e.getMessage();
      cause = e;
    }
    String where = item.sample().image().describe();
    Consumer<String> warn = skipWarn;
    if (warn == null) {
      throw SaException.dataError(where + ": " + problem, cause);
    }
    if (warned.add(where)) {
      warn.accept("sa: warning: " + where + ": " + problem + "; skipping this face (dataset.skipBadSamples: true)");
    }
    return null;
  }

  Batch build(List<Item> chunk, Augment augment, long seed, TargetWeights tw) {
    List<Item> kept = new ArrayList<>(chunk.size());
    List<BufferedImage> decoded = new ArrayList<>(chunk.size());
    for (Item item : chunk) {
      BufferedImage img = load(item);
      if (img != null) {
        kept.add(item);
        decoded.add(img);
      }
    }
    int b = kept.size();
    int s = frames.inputSize();
    int h = codec.heatmapSize();
    float[] images = new float[b * 3 * s * s];
    boolean withTargets = chunk.get(0).targetInImage() != null;
    float[] targets = withTargets ? new float[b * landmarks * h * h] : null;
    float[] wts = withTargets && tw != null ? new float[b * landmarks * h * h] : null;
    float[] coords = withTargets ? new float[b * landmarks * 2] : null;
    List<CropTransform> transforms = new ArrayList<>(b);
    for (int i = 0; i < b; i++) {
      Item item = kept.get(i);
      CropTransform t = transform(item, augment, seed);
      transforms.add(t);
      Cropper.crop(decoded.get(i), t, s, images, i * 3 * s * s);
      if (withTargets) {
        Landmarks inCrop = frames.toCrop(t, item.targetInImage());
        for (int k = 0; k < landmarks; k++) {
          coords[(i * landmarks + k) * 2] = inCrop.x(k);
          coords[(i * landmarks + k) * 2 + 1] = inCrop.y(k);
          double hx = frames.cropToHeatmap(inCrop.x(k));
          double hy = frames.cropToHeatmap(inCrop.y(k));
          int off = (i * landmarks + k) * h * h;
          codec.encode(hx, hy, targets, off);
          if (wts != null) {
            tw.render(hx, hy, wts, off);
          }
        }
      }
    }
    return new Batch(b, images, targets, wts, coords, transforms, List.copyOf(kept));
  }

  CropTransform transform(Item item, Augment augment, long seed) {
    if (augment.equals(Augment.NONE)) {
      return frames.plain(item.sample());
    }
    Random r = new Random(seed * 1_000_003L + item.index() * 7919L + 17);
    double angle = r.nextGaussian() * augment.rotationStd();
    double scale = Math.exp(r.nextGaussian() * augment.scaleStd());
    double sx = r.nextGaussian() * augment.shiftStd();
    double sy = r.nextGaussian() * augment.shiftStd();
    boolean flip = augment.flip() && r.nextBoolean();
    return frames.augmented(item.sample(), angle, scale, sx, sy, flip);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
