package dev.sa.app.cli;

import dev.sa.api.DataProblem;
import dev.sa.api.Dataset;
import dev.sa.api.FaceSample;
import dev.sa.api.ImageSource;
import dev.sa.app.run.Progress;
import dev.sa.support.ImageFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Decodes every image of a data set once (an image shared by several faces or splits once), in
 * parallel, for {@code sa data check}: a file whose header is intact but whose data is cut or
 * damaged is found here, not in the first epoch of training.
 */
final class ImageDecodeCheck {
  private ImageDecodeCheck() {}

  /** One problem per image that does not decode, in the order of the images; none when all do. */
  static List<DataProblem> run(Dataset dataset, Progress progress) {
    Map<String, ImageSource> images = new LinkedHashMap<>();
    for (String split : dataset.splitNames()) {
      for (FaceSample s : dataset.split(split)) {
        images.putIfAbsent(s.image().describe(), s.image());
      }
    }
    List<ImageSource> all = new ArrayList<>(images.values());
    ExecutorService pool = Executors.newFixedThreadPool(threads(), r -> {
      Thread t = new Thread(r, "sa-data-check");
      t.setDaemon(true);
      return t;
    });
    CompletionService<Checked> done = new ExecutorCompletionService<>(pool);
    for (int i = 0; i < all.size(); i++) {
      int index = i;
      done.submit(() -> new Checked(index, decode(all.get(index))));
    }
    List<Checked> bad = new ArrayList<>();
    try (Progress.Task task = progress.task("decoding images", all.size())) {
      for (int i = 0; i < all.size(); i++) {
        Checked c = done.take().get();
        if (c.problem() != null) {
          bad.add(c);
        }
        task.step(bad.isEmpty() ? "" : bad.size() + " bad");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while decoding images", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("image check failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    bad.sort(Comparator.comparingInt(Checked::index));
    return bad.stream().map(Checked::problem).toList();
  }

  private record Checked(int index, DataProblem problem) {}

  /** Null when {@code image} decodes, else its problem. */
  static DataProblem decode(ImageSource image) {
    String where = image.describe();
    try {
      image.load();
      return null;
    } catch (IOException | RuntimeException e) {
      String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      // Our image sources name their file first; keep it once.
      String message = m.startsWith(where + ": ") ? m.substring(where.length() + 2) : m;
      return new DataProblem(where, 0, message.replaceAll("\\s+", " ").strip());
    }
  }

  /** Every core, but no more decoders than a quarter of the heap holds at the largest image size. */
  private static int threads() {
    long fit = Runtime.getRuntime().maxMemory() / 4 / Math.max(1, ImageFiles.decodeBudget());
    return (int) Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), fit));
  }
}
