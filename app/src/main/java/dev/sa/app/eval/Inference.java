package dev.sa.app.eval;

import dev.sa.api.EngineArrays;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.sa.api.Backbone;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.Landmarks;
import dev.sa.api.Refiner;
import dev.sa.app.data.BatchSource;
import dev.sa.app.data.HeatmapCodec;
import dev.sa.app.method.Frames;
import dev.sa.app.method.Frames.CropTransform;
import dev.sa.app.train.LandmarkNet;
import java.util.Iterator;
import java.util.List;

/** Forward passes over un-augmented crops, batch by batch. */
public final class Inference {
  private Inference() {}

  /** Receives each batch with its last-stack output on the engine. */
  public interface BatchConsumer {
    /**
     * @param output {@code (B, N, h, h)} heatmaps, or {@code (B, 2N)} crop/S coordinates for a
     *     regression backbone; attached to {@code step}, closed after the call
     */
    void accept(BatchSource.Batch batch, NDManager step, NDArray output);
  }

  public static void run(LandmarkNet net, BatchSource source, List<BatchSource.Item> items, int batchSize,
      BatchConsumer consumer) {
    run(net, source, items, batchSize, BatchSource.Augment.NONE, 0, consumer);
  }

  /** As above, on crops augmented by {@code augment} (seeded, in order). */
  public static void run(LandmarkNet net, BatchSource source, List<BatchSource.Item> items, int batchSize,
      BatchSource.Augment augment, long seed, BatchConsumer consumer) {
    run(net, source, items, batchSize, augment, seed, false, consumer);
  }

  /**
   * As above; with {@code batchStatistics} the network runs in training mode
   * ({@link LandmarkNet#predictArrayWithBatchStatistics}).
   */
  public static void run(LandmarkNet net, BatchSource source, List<BatchSource.Item> items, int batchSize,
      BatchSource.Augment augment, long seed, boolean batchStatistics, BatchConsumer consumer) {
    Iterator<BatchSource.Batch> it = source.pass(items, batchSize, augment, false, seed);
    while (it.hasNext()) {
      BatchSource.Batch batch = it.next();
      try (NDManager step = net.manager().newSubManager()) {
        NDArray out = batchStatistics ? net.predictArrayWithBatchStatistics(step, batch.images(), batch.size())
            : net.predictArray(step, batch.images(), batch.size());
        consumer.accept(batch, step, out);
      }
    }
  }

  /**
   * Applies a refiner to one batch in place: the decoded landmarks go into heatmap pixels of each
   * face's crop, the refiner corrects them from the heatmaps, and the result goes back to image
   * pixels.
   *
   * @param heatmaps {@code (B, N, h, h)} the batch's last-stack output, attached to {@code step}
   * @param decoded the batch's landmarks in image pixels, replaced by the refined ones
   */
  public static void refine(Refiner refiner, Frames frames, BatchSource.Batch batch, NDManager step,
      NDArray heatmaps, Landmarks[] decoded) {
    int n = decoded[0].count();
    float[] hm = new float[batch.size() * n * 2];
    for (int i = 0; i < batch.size(); i++) {
      frames.toHeatmap(batch.transforms().get(i), decoded[i], hm, i * n * 2);
    }
    NDArray predicted = EngineArrays.create(step, hm, new Shape(batch.size(), n, 2));
    float[] refined = refiner.refine(heatmaps, predicted).toFloatArray();
    for (int i = 0; i < batch.size(); i++) {
      decoded[i] = frames.heatmapToImage(batch.transforms().get(i), refined, i * 2 * n, n);
    }
  }

  /**
   * Decodes one batch's output to landmarks in image pixels, face by face: heatmaps through the
   * codec (argmax + log-parabola), coordinates as crop fractions; then to image pixels.
   *
   * @param values the output flattened ({@code output.toFloatArray()})
   * @param peaksOut receives each heatmap's peak value {@code (B, N)}, or null
   */
  public static Landmarks[] decode(Backbone.Output output, HeatmapCodec codec, Frames frames,
      BatchSource.Batch batch, float[] values, float[] peaksOut) {
    int n = frames.landmarks();
    int h = codec.heatmapSize();
    int perFace = output == Backbone.Output.COORDINATES ? 2 * n : n * h * h;
    Landmarks[] out = new Landmarks[batch.size()];
    for (int i = 0; i < batch.size(); i++) {
      out[i] = decodeFace(output, codec, frames, batch.transforms().get(i), values, i * perFace, peaksOut, i * n);
    }
    return out;
  }

  /**
   * Decodes one face's output (heatmaps {@code (N, h, h)} or crop-fraction coordinates {@code (2N)}
   * from {@code offset} of {@code values}) to landmarks in image pixels of its crop {@code t}.
   *
   * @param peaksOut receives each heatmap's peak value from {@code peaksOffset}, or null; untouched
   *     for coordinates
   */
  public static Landmarks decodeFace(Backbone.Output output, HeatmapCodec codec, Frames frames, CropTransform t,
      float[] values, int offset, float[] peaksOut, int peaksOffset) {
    int n = frames.landmarks();
    if (output == Backbone.Output.COORDINATES) {
      return frames.fractionToImage(t, values, offset, n);
    }
    int h = codec.heatmapSize();
    double[] inHeatmap = new double[2 * n];
    for (int k = 0; k < n; k++) {
      double[] p = codec.decode(values, offset + k * h * h);
      inHeatmap[2 * k] = p[0];
      inHeatmap[2 * k + 1] = p[1];
      if (peaksOut != null) {
        peaksOut[peaksOffset + k] = (float) p[2];
      }
    }
    return frames.heatmapToImage(t, inHeatmap, 0, n);
  }
}
