package dev.sa.app.method;

import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labels of the training faces during Semantic Alignment, in image pixels: the human
 * annotation, the current observation o and the last searched y^ (paper Section 4.4). Saved
 * atomically as CSV ({@code id,point,human_x,human_y,o_x,o_y,yhat_x,yhat_y}); floats are written
 * with Java's shortest round-trip form, so a resumed run continues bit for bit.
 */
public final class Labels {
  private final List<FaceSample> samples;
  private final Landmarks[] human;
  private final Landmarks[] observation;
  private final Landmarks[] searched;
  /** Per face and landmark, the chi-square at y^ of the last search (NaN: not searched); not saved. */
  private final double[][] fit;

  public Labels(List<FaceSample> samples, List<Landmarks> start) {
    this.samples = List.copyOf(samples);
    int m = samples.size();
    human = new Landmarks[m];
    observation = new Landmarks[m];
    searched = new Landmarks[m];
    fit = new double[m][];
    for (int i = 0; i < m; i++) {
      human[i] = samples.get(i).landmarksInImage();
      observation[i] = start.get(i);
      searched[i] = start.get(i);
    }
  }

  public int size() {
    return samples.size();
  }

  public FaceSample sample(int i) {
    return samples.get(i);
  }

  public Landmarks human(int i) {
    return human[i];
  }

  public Landmarks observation(int i) {
    return observation[i];
  }

  public Landmarks searched(int i) {
    return searched[i];
  }

  public void setSearched(int i, Landmarks y) {
    setSearched(i, y, null);
  }

  /** Per landmark, the chi-square at face {@code i}'s last y^ (NaN: not searched), or null before any search. */
  double[] fit(int i) {
    return fit[i] == null ? null : fit[i].clone();
  }

  /**
   * y^ of face {@code i} with, per landmark, the chi-square of the heatmap against the template at
   * y^ ({@code fitAtY}, NaN where a point was not searched; null: none): what
   * {@link #promote(double, double)} ranks by.
   */
  public void setSearched(int i, Landmarks y, double[] fitAtY) {
    if (fitAtY != null && fitAtY.length != y.count()) {
      throw new IllegalArgumentException(fitAtY.length + " fit values for " + y.count() + " landmarks");
    }
    searched[i] = y;
    fit[i] = fitAtY == null ? null : fitAtY.clone();
  }

  /** {@code o <- y^} for every face (SA with update). */
  public void promote() {
    System.arraycopy(searched, 0, observation, 0, searched.length);
  }

  /** {@code o <- o + rate (y^ - o)} for every face; rate 1 is {@link #promote()} exactly. */
  public void promote(double rate) {
    promote(rate, 1.0);
  }

  /**
   * {@code o <- o + rate (y^ - o)} for the confident points only: per landmark, the {@code share}
   * of the faces whose y^ fits the template best (the lowest chi-square at y^; ties by face order;
   * a point without a fit ranks last); the other points keep o. Share 1 moves every point, and with
   * rate 1 is {@link #promote()} exactly.
   */
  public void promote(double rate, double share) {
    if (rate == 1.0 && share == 1.0) {
      promote();
      return;
    }
    boolean[][] moves = confident(share);
    for (int i = 0; i < searched.length; i++) {
      Landmarks o = observation[i];
      Landmarks y = searched[i];
      float[] xy = o.toArray();
      for (int k = 0; k < o.count(); k++) {
        if (moves[i][k]) {
          xy[2 * k] = rate == 1.0 ? y.x(k) : (float) (o.x(k) + rate * (y.x(k) - o.x(k)));
          xy[2 * k + 1] = rate == 1.0 ? y.y(k) : (float) (o.y(k) + rate * (y.y(k) - o.y(k)));
        }
      }
      observation[i] = Landmarks.of(xy);
    }
  }

  /** Per face and landmark, whether the point is among the {@code share} best fits of its landmark. */
  private boolean[][] confident(double share) {
    int m = searched.length;
    int n = m == 0 ? 0 : searched[0].count();
    boolean[][] out = new boolean[m][n];
    int take = (int) Math.ceil(share * m - 1e-9);
    for (int k = 0; k < n; k++) {
      final int landmark = k;
      Integer[] order = new Integer[m];
      for (int i = 0; i < m; i++) {
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparingDouble((Integer i) -> fitOf(i, landmark)));
      for (int r = 0; r < take; r++) {
        out[order[r]][k] = true;
      }
    }
    return out;
  }

  /** The fit of face i's landmark k, +infinity when there is none (ranks last). */
  private double fitOf(int i, int k) {
    double f = fit[i] == null ? Double.NaN : fit[i][k];
    return Double.isNaN(f) ? Double.POSITIVE_INFINITY : f;
  }

  public List<Landmarks> searchedList() {
    return List.of(searched);
  }

  public void save(Path file) throws IOException {
    StringBuilder sb = new StringBuilder("id,point,human_x,human_y,o_x,o_y,yhat_x,yhat_y\n");
    for (int i = 0; i < samples.size(); i++) {
      String id = csv(samples.get(i).id());
      for (int k = 0; k < human[i].count(); k++) {
        sb.append(id).append(',').append(k).append(',')
            .append(human[i].x(k)).append(',').append(human[i].y(k)).append(',')
            .append(observation[i].x(k)).append(',').append(observation[i].y(k)).append(',')
            .append(searched[i].x(k)).append(',').append(searched[i].y(k)).append('\n');
      }
    }
    AtomicFiles.writeString(file, sb.toString());
  }

  /** Restores o and y^ from a file {@link #save} wrote for the same samples. */
  public void load(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int n = human[0].count();
    float[][] o = new float[samples.size()][2 * n];
    float[][] y = new float[samples.size()][2 * n];
    int row = 0;
    for (int li = 1; li < lines.size(); li++) {
      String line = lines.get(li);
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.substring(line.lastIndexOf('"') + 1).split(",");
      int len = f.length;
      int i = row / n;
      int k = row % n;
      if (i >= samples.size()) {
        throw new IOException(file + ":" + (li + 1) + ": more rows than training faces");
      }
      o[i][2 * k] = Float.parseFloat(f[len - 4]);
      o[i][2 * k + 1] = Float.parseFloat(f[len - 3]);
      y[i][2 * k] = Float.parseFloat(f[len - 2]);
      y[i][2 * k + 1] = Float.parseFloat(f[len - 1]);
      row++;
    }
    if (row != samples.size() * n) {
      throw new IOException(file + ": " + row + " label rows, expected " + samples.size() * n);
    }
    for (int i = 0; i < samples.size(); i++) {
      observation[i] = Landmarks.of(o[i]);
      searched[i] = Landmarks.of(y[i]);
    }
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
  }

  /** Ids in order, for exports. */
  public List<String> ids() {
    List<String> ids = new ArrayList<>();
    for (FaceSample s : samples) {
      ids.add(s.id());
    }
    return ids;
  }

  /**
   * Reads a label CSV keyed by face id with one row per point whose last two columns are x and y:
   * {@code id,point,x,y} from {@code sa align}, or this class's file (then y^ is read).
   */
  public static Map<String, Landmarks> readLast(Path file) throws IOException {
    Map<String, List<float[]>> points = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file);
    for (int i = 1; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      int cut = line.lastIndexOf('"');
      String id;
      String[] rest;
      if (line.startsWith("\"") && cut > 0) {
        id = line.substring(1, cut).replace("\"\"", "\"");
        rest = line.substring(cut + 2).split(",");
        String[] r = new String[rest.length + 1];
        System.arraycopy(rest, 0, r, 1, rest.length);
        rest = r;
      } else {
        rest = line.split(",");
        id = rest[0];
      }
      int n = rest.length;
      points.computeIfAbsent(id, k -> new ArrayList<>()).add(new float[] {Float.parseFloat(rest[n - 2]),
          Float.parseFloat(rest[n - 1])});
    }
    Map<String, Landmarks> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<float[]>> e : points.entrySet()) {
      float[] xy = new float[e.getValue().size() * 2];
      for (int k = 0; k < e.getValue().size(); k++) {
        xy[2 * k] = e.getValue().get(k)[0];
        xy[2 * k + 1] = e.getValue().get(k)[1];
      }
      out.put(e.getKey(), Landmarks.of(xy));
    }
    return out;
  }
}
