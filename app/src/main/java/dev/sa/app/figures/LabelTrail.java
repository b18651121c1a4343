package dev.sa.app.figures;

import dev.sa.api.Landmarks;
import dev.sa.support.AtomicFiles;
import dev.sa.support.CsvTable;
import dev.sa.app.method.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The searched labels y^ of a few chosen training faces after every Semantic Alignment epoch, for
 * the label-movement figure (paper Fig. 4). Checkpoints keep only the latest labels, so the phase
 * records here as it goes: epoch 0 is the observation the phase starts from (the human
 * annotation), epoch e the y^ searched in epoch e. Points are in image pixels, like {@link Labels}.
 *
 * <p>Saved as CSV {@code epoch,index,id,point,x,y} (floats in Java's shortest round-trip form) after
 * every record, atomically, so a resumed run keeps its trail; recording an epoch again (a run
 * killed between the search and the checkpoint) replaces it and drops any later epochs.
 */
public final class LabelTrail {
  /** File name in the phase folder. */
  public static final String FILE = "label-trail.csv";
  /** Faces traced by default. */
  public static final int DEFAULT_FACES = 4;
  private static final String HEADER = "epoch,index,id,point,x,y";

  private final List<Integer> indices;
  private final List<String> ids;
  private final TreeMap<Integer, List<Landmarks>> byEpoch = new TreeMap<>();
  private Path file;

  /**
   * @param indices positions of the traced faces in the training set
   * @param ids their sample ids (checked on resume, so a trail never mixes data sets)
   */
  public LabelTrail(List<Integer> indices, List<String> ids) {
    if (indices.isEmpty() || indices.size() != ids.size()) {
      throw new IllegalArgumentException("a label trail needs at least one face and one id per face");
    }
    this.indices = List.copyOf(indices);
    this.ids = List.copyOf(ids);
  }

  /**
   * {@code k} training faces spread evenly over {@code faces} (deterministic, no random draw, so
   * every variant and every resume traces the same faces).
   */
  public static List<Integer> choose(int faces, int k) {
    List<Integer> out = new ArrayList<>();
    int m = Math.min(faces, k);
    for (int i = 0; i < m; i++) {
      out.add((int) ((long) i * faces / m + faces / (2L * m)));
    }
    return out;
  }

  /**
   * The phase's hook: the trail in {@code file} if it traces these faces, else a new one over
   * {@link #choose} faces whose first entry, epoch {@code startEpoch}, is the current observation o.
   * Every later {@link #record} saves to {@code file}.
   */
  public static LabelTrail open(Path file, Labels labels, int k, int startEpoch) throws IOException {
    List<Integer> chosen = choose(labels.size(), k);
    List<String> ids = new ArrayList<>();
    for (int i : chosen) {
      ids.add(labels.sample(i).id());
    }
    if (Files.exists(file)) {
      LabelTrail old = load(file);
      if (old.indices.equals(chosen) && old.ids.equals(ids)) {
        old.file = file;
        return old;
      }
    }
    LabelTrail t = new LabelTrail(chosen, ids);
    t.file = file;
    List<Landmarks> o = new ArrayList<>();
    for (int i : chosen) {
      o.add(labels.observation(i));
    }
    t.add(startEpoch, o);
    t.save(file);
    return t;
  }

  /** Records y^ of the traced faces after the search of {@code epoch} and saves, if opened on a file. */
  public void record(int epoch, Labels labels) throws IOException {
    List<Landmarks> y = new ArrayList<>();
    for (int i : indices) {
      y.add(labels.searched(i));
    }
    add(epoch, y);
    if (file != null) {
      save(file);
    }
  }

  /** Adds the labels of the traced faces (in {@link #indices()} order) at {@code epoch}, dropping that epoch and later ones first. */
  public void add(int epoch, List<Landmarks> tracedInImage) {
    if (tracedInImage.size() != indices.size()) {
      throw new IllegalArgumentException("label trail: " + tracedInImage.size() + " faces given, " + indices.size()
          + " traced");
    }
    if (epoch < 0) {
      throw new IllegalArgumentException("label trail: epoch must be >= 0, got " + epoch);
    }
    byEpoch.tailMap(epoch, true).clear();
    byEpoch.put(epoch, List.copyOf(tracedInImage));
  }

  public List<Integer> indices() {
    return indices;
  }

  public List<String> ids() {
    return ids;
  }

  /** Recorded epochs, ascending. */
  public List<Integer> epochs() {
    return List.copyOf(byEpoch.keySet());
  }

  /** The path of traced face {@code slot} over the recorded epochs, in image pixels. */
  public List<Landmarks> path(int slot) {
    List<Landmarks> out = new ArrayList<>();
    for (List<Landmarks> l : byEpoch.values()) {
      out.add(l.get(slot));
    }
    return out;
  }

  public void save(Path target) throws IOException {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (Map.Entry<Integer, List<Landmarks>> e : byEpoch.entrySet()) {
      for (int s = 0; s < indices.size(); s++) {
        Landmarks l = e.getValue().get(s);
        for (int k = 0; k < l.count(); k++) {
          sb.append(e.getKey()).append(',').append(indices.get(s)).append(',').append(quote(ids.get(s))).append(',')
              .append(k).append(',').append(l.x(k)).append(',').append(l.y(k)).append('\n');
        }
      }
    }
    AtomicFiles.writeString(target, sb.toString());
  }

  /** Reads what {@link #save} wrote; errors name the file and line. */
  public static LabelTrail load(Path source) throws IOException {
    List<String> lines = Files.readAllLines(source);
    if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
      throw new IOException(source + ":1: expected the header " + HEADER);
    }
    // epoch -> index -> points
    TreeMap<Integer, Map<Integer, List<float[]>>> rows = new TreeMap<>();
    Map<Integer, String> idOf = new TreeMap<>();
    List<Integer> order = new ArrayList<>();
    for (int li = 1; li < lines.size(); li++) {
      String line = lines.get(li);
      if (line.isBlank()) {
        continue;
      }
      List<String> f = CsvTable.split(line);
      if (f.size() != 6) {
        throw new IOException(source + ":" + (li + 1) + ": found " + f.size() + " fields, expected 6 (" + HEADER + ")");
      }
      try {
        int epoch = Integer.parseInt(f.get(0));
        int index = Integer.parseInt(f.get(1));
        int point = Integer.parseInt(f.get(3));
        List<float[]> pts = rows.computeIfAbsent(epoch, e -> new TreeMap<>()).computeIfAbsent(index, i -> new ArrayList<>());
        if (point != pts.size()) {
          throw new IOException(source + ":" + (li + 1) + ": point " + point + " out of order, expected " + pts.size());
        }
        pts.add(new float[] {Float.parseFloat(f.get(4)), Float.parseFloat(f.get(5))});
        if (!order.contains(index)) {
          order.add(index);
          idOf.put(index, f.get(2));
        }
      } catch (NumberFormatException e) {
        throw new IOException(source + ":" + (li + 1) + ": not a number: " + e.getMessage(), e);
      }
    }
    if (order.isEmpty()) {
      throw new IOException(source + ": no rows");
    }
    List<String> ids = new ArrayList<>();
    for (int i : order) {
      ids.add(idOf.get(i));
    }
    return assemble(source, rows, order, ids);
  }

  /** The trail of faces {@code order} from its rows (epoch -> index -> points); every epoch must have every face. */
  private static LabelTrail assemble(Path source, TreeMap<Integer, Map<Integer, List<float[]>>> rows,
      List<Integer> order, List<String> ids) throws IOException {
    LabelTrail t = new LabelTrail(order, ids);
    for (Map.Entry<Integer, Map<Integer, List<float[]>>> e : rows.entrySet()) {
      List<Landmarks> traced = new ArrayList<>();
      for (int i : order) {
        List<float[]> pts = e.getValue().get(i);
        if (pts == null) {
          throw new IOException(source + ": epoch " + e.getKey() + " lacks face " + i);
        }
        float[] xy = new float[2 * pts.size()];
        for (int k = 0; k < pts.size(); k++) {
          xy[2 * k] = pts.get(k)[0];
          xy[2 * k + 1] = pts.get(k)[1];
        }
        traced.add(Landmarks.of(xy));
      }
      t.byEpoch.put(e.getKey(), traced);
    }
    return t;
  }

  /** The trail in {@code file}, or empty when the phase kept none (no SA, or an older run). */
  public static Optional<LabelTrail> readIfExists(Path source) throws IOException {
    return Files.exists(source) ? Optional.of(load(source)) : Optional.empty();
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }
}
