package dev.sa.plugins.pca;

import dev.sa.api.SaException;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A 2-D point distribution model: shapes {@code x ~ mean + sum_k c_k mode_k} in the Procrustes
 * frame (unit-norm mean), with mode variances (eigenvalues of the aligned shapes' covariance).
 * This is the shape PCA of CLM / LGCN that paper Table 8 compares GHCU with.
 */
final class PointDistributionModel {
  static final int PROCRUSTES_ITERATIONS = 10;
  static final double PROCRUSTES_TOLERANCE = 1e-10;
  static final double NOISE_VARIANCE = 1e-12;

  private final double[] mean;
  private final double[][] modes;
  private final double[] eigenvalues;
  private final double explained;

  PointDistributionModel(double[] mean, double[][] modes, double[] eigenvalues, double explained) {
    if (mean.length % 2 != 0 || modes.length != eigenvalues.length) {
      throw new IllegalArgumentException("mean of odd length or modes/eigenvalues mismatch");
    }
    for (double[] m : modes) {
      if (m.length != mean.length) {
        throw new IllegalArgumentException("mode of length " + m.length + ", mean of " + mean.length);
      }
    }
    this.mean = mean.clone();
    this.modes = new double[modes.length][];
    for (int k = 0; k < modes.length; k++) {
      this.modes[k] = modes[k].clone();
    }
    this.eigenvalues = eigenvalues.clone();
    this.explained = explained;
  }

  /**
   * Aligns {@code shapes} by generalised Procrustes analysis and keeps the fewest modes that
   * explain {@code variance} of the total (at most {@code maxComponents} when that is > 0).
   */
  static PointDistributionModel fit(List<double[]> shapes, double variance, int maxComponents) {
    if (shapes.size() < 2) {
      throw SaException.invalidInput("refiner pca: needs at least 2 training shapes, got " + shapes.size());
    }
    Procrustes.Alignment aligned = Procrustes.generalised(shapes, PROCRUSTES_ITERATIONS, PROCRUSTES_TOLERANCE);
    int d = aligned.mean().length;
    int m = aligned.size();
    double[] average = new double[d];
    for (int i = 0; i < m; i++) {
      double[] s = aligned.shape(i);
      for (int j = 0; j < d; j++) {
        average[j] += s[j] / m;
      }
    }
    double[][] covariance = new double[d][d];
    for (int i = 0; i < m; i++) {
      double[] s = aligned.shape(i);
      for (int j = 0; j < d; j++) {
        s[j] -= average[j];
      }
      for (int a = 0; a < d; a++) {
        for (int b = a; b < d; b++) {
          covariance[a][b] += s[a] * s[b] / (m - 1);
        }
      }
    }
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < a; b++) {
        covariance[a][b] = covariance[b][a];
      }
    }
    SymmetricEigen eigen = SymmetricEigen.of(covariance);
    double total = 0;
    for (int k = 0; k < d; k++) {
      total += Math.max(0, eigen.value(k));
    }
    int limit = Math.min(d, m - 1);
    if (maxComponents > 0) {
      limit = Math.min(limit, maxComponents);
    }
    List<double[]> modes = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    double kept = 0;
    for (int k = 0; k < limit && total > 0 && kept < variance * total; k++) {
      double lambda = eigen.value(k);
      // Shapes have unit norm, so a mode with a standard deviation under 1e-6 of the face size is
      // rounding noise (float32 targets), not shape variation.
      if (!(lambda > Math.max(NOISE_VARIANCE, 1e-12 * total))) {
        break;
      }
      modes.add(eigen.vector(k));
      values.add(lambda);
      kept += lambda;
    }
    double[] ev = new double[values.size()];
    for (int k = 0; k < ev.length; k++) {
      ev[k] = values.get(k);
    }
    return new PointDistributionModel(average, modes.toArray(new double[0][]), ev, total > 0 ? kept / total : 1);
  }

  int landmarks() {
    return mean.length / 2;
  }

  int components() {
    return modes.length;
  }

  double[] mean() {
    return mean.clone();
  }

  /** Mode k as a unit vector of length 2N (a view for the fitter's inner loop: do not modify). */
  double[] modeView(int k) {
    return modes[k];
  }

  double eigenvalue(int k) {
    return eigenvalues[k];
  }

  /** Fraction of the training variance the kept modes explain. */
  double explained() {
    return explained;
  }

  /** {@code mean + sum_k c_k mode_k}. */
  double[] shape(double[] coefficients) {
    double[] s = mean.clone();
    for (int k = 0; k < modes.length; k++) {
      for (int j = 0; j < s.length; j++) {
        s[j] += coefficients[k] * modes[k][j];
      }
    }
    return s;
  }

  /** Writes the model as text: temp file in the same folder, then an atomic rename. */
  void write(Path file) throws IOException {
    StringBuilder w = new StringBuilder();
    w.append("# sa PCA point distribution model: Procrustes frame (unit-norm mean), x,y interleaved\n");
    w.append("format 1\n");
    w.append("landmarks " + landmarks() + "\n");
    w.append("components " + components() + "\n");
    w.append("explained " + explained + "\n");
    w.append(line("mean", mean));
    w.append(line("eigenvalues", eigenvalues));
    for (double[] mode : modes) {
      w.append(line("mode", mode));
    }
    AtomicFiles.writeString(file, w.toString());
  }

  private static String line(String key, double[] values) {
    StringBuilder sb = new StringBuilder(key);
    for (double v : values) {
      // Double.toString round-trips exactly, so a loaded model refines bit for bit the same.
      sb.append(' ').append(v);
    }
    return sb.append('\n').toString();
  }

  /** Reads what {@link #write} wrote; errors name the file and line. */
  static PointDistributionModel read(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    ModelText text = new ModelText(file, lines);
    text.expect("format", 1);
    int n = text.integer("landmarks");
    int k = text.integer("components");
    double explained = text.numbers("explained", 1)[0];
    double[] mean = text.numbers("mean", 2 * n);
    double[] eigenvalues = text.numbers("eigenvalues", k);
    double[][] modes = new double[k][];
    for (int i = 0; i < k; i++) {
      modes[i] = text.numbers("mode", 2 * n);
    }
    text.end();
    return new PointDistributionModel(mean, modes, eigenvalues, explained);
  }

  /** A cursor over the model file's lines that skips comments and reports file:line on errors. */
  private static final class ModelText {
    private final Path file;
    private final List<String> lines;
    private int next;

    ModelText(Path file, List<String> lines) {
      this.file = file;
      this.lines = lines;
    }

    private String[] fields(String key) {
      while (next < lines.size() && (lines.get(next).isBlank() || lines.get(next).startsWith("#"))) {
        next++;
      }
      if (next >= lines.size()) {
        throw SaException.dataError(file + ":" + (next + 1) + ": file ends where '" + key + "' was expected");
      }
      String[] f = lines.get(next).trim().split("\\s+");
      next++;
      if (!f[0].equals(key)) {
        throw error("expected '" + key + "' but found '" + f[0] + "'");
      }
      return f;
    }

    private SaException error(String what) {
      return SaException.dataError(file + ":" + next + ": " + what);
    }

    void expect(String key, int value) {
      int found = integer(key);
      if (found != value) {
        throw error(key + " " + found + " is not supported; valid: " + value);
      }
    }

    int integer(String key) {
      String[] f = fields(key);
      if (f.length != 2) {
        throw error("'" + key + "' needs one integer");
      }
      try {
        int v = Integer.parseInt(f[1]);
        if (v < 0) {
          throw error(key + " " + v + " is negative");
        }
        return v;
      } catch (NumberFormatException e) {
        throw error("'" + f[1] + "' is not an integer");
      }
    }

    double[] numbers(String key, int count) {
      String[] f = fields(key);
      if (f.length != count + 1) {
        throw error("'" + key + "' has " + (f.length - 1) + " numbers; expected " + count);
      }
      double[] out = new double[count];
      for (int i = 0; i < count; i++) {
        try {
          out[i] = Double.parseDouble(f[i + 1]);
        } catch (NumberFormatException e) {
          throw error("'" + f[i + 1] + "' is not a number");
        }
        if (!Double.isFinite(out[i])) {
          throw error(key + " value " + (i + 1) + " is not finite");
        }
      }
      return out;
    }

    void end() {
      while (next < lines.size()) {
        String l = lines.get(next++);
        if (!l.isBlank() && !l.startsWith("#")) {
          throw error("unexpected line after the last mode: '" + l.trim().split("\\s+")[0] + "'");
        }
      }
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "PDM(N=%d, K=%d, %.1f%% variance)", landmarks(), components(), 100 * explained);
  }
}
