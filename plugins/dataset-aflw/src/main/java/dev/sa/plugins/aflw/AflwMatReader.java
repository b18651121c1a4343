package dev.sa.plugins.aflw;

import dev.sa.api.DataProblem;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.api.Visibility;
import dev.sa.support.MalformedFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.format.Mat5File;
import us.hebi.matlab.mat.types.Array;
import us.hebi.matlab.mat.types.Cell;
import us.hebi.matlab.mat.types.Char;
import us.hebi.matlab.mat.types.Matrix;

/**
 * Reads {@code AFLWinfo_release.mat} of the AFLW-Full protocol (Zhu et al., CVPR 2016):
 * {@code nameList} (N x 1 cell of image paths relative to the images folder), {@code data}
 * (N x 38: the 19 x, then the 19 y), {@code mask_new} (N x 19 visibility), {@code bbox}
 * (N x 4 as {@code [x1 x2 y1 y2]}) and {@code ra} (a 1-based permutation of 1..N: the first 20000
 * are the training set, the rest the 4386 test faces). Coordinates are used as stored, as the
 * published protocols do. A missing or misshapen variable is a data error; a bad row is one
 * problem (file = the .mat, line = the 1-based row) and is left out.
 */
final class AflwMatReader {
  private final Path root;
  private final AflwOptions options;
  private final AflwSamples samples;

  AflwMatReader(Path root, AflwOptions options) {
    this.root = root;
    this.options = options;
    this.samples = new AflwSamples(root, options);
  }

  Map<String, List<FaceSample>> read(List<DataProblem> problems) {
    Path file = root.resolve(options.mat());
    String name = file.toString();
    List<String> names;
    double[][] data;
    double[][] mask;
    double[][] bbox;
    int[] ra;
    // Closing the file frees the matrices' buffers, so everything is copied out first.
    try (Mat5File mat = Mat5.readFromFile(file.toFile())) {
      names = names(mat, name);
      int n = names.size();
      data = matrix(mat, "data", n, 2 * AflwScheme.POINTS, name);
      mask = matrix(mat, "mask_new", n, AflwScheme.POINTS, name);
      bbox = matrix(mat, "bbox", n, 4, name);
      ra = permutation(mat, n, name);
    } catch (IOException | RuntimeException e) {
      throw SaException.dataError("cannot read AFLW annotation file " + name + ": " + e.getMessage()
          + "; " + AflwPlugin.LAYOUT_HELP, e);
    }
    String fileName = name;
    List<Object> rows = IntStream.range(0, names.size()).parallel()
        .mapToObj(r -> row(r, names.get(r), data, mask, bbox, fileName))
        .toList();
    for (Object o : rows) {
      if (o instanceof DataProblem p) {
        problems.add(p);
      }
    }
    int trainCount = Math.min(options.trainCount(), ra.length);
    List<FaceSample> train = new ArrayList<>();
    List<FaceSample> full = new ArrayList<>();
    List<FaceSample> frontal = new ArrayList<>();
    for (int k = 0; k < ra.length; k++) {
      if (!(rows.get(ra[k]) instanceof FaceSample s)) {
        continue;
      }
      if (k < trainCount) {
        train.add(s);
      } else {
        full.add(s);
        if (allVisible(s.visible())) {
          frontal.add(s);
        }
      }
    }
    Map<String, List<FaceSample>> splits = new LinkedHashMap<>();
    splits.put("train", train);
    splits.put("full", full);
    // AFLW-Frontal: the test faces with all 19 points visible in mask_new.
    splits.put("frontal", frontal);
    return splits;
  }

  private Object row(int r, String imageName, double[][] data, double[][] mask, double[][] bbox, String file) {
    int line = r + 1;
    try {
      float[] xy = new float[2 * AflwScheme.POINTS];
      boolean[] visible = new boolean[AflwScheme.POINTS];
      for (int p = 0; p < AflwScheme.POINTS; p++) {
        xy[2 * p] = finite(data[r][p], "x of point " + p, file, line);
        xy[2 * p + 1] = finite(data[r][AflwScheme.POINTS + p], "y of point " + p, file, line);
        visible[p] = mask[r][p] != 0;
      }
      double x1 = bbox[r][0];
      double x2 = bbox[r][1];
      double y1 = bbox[r][2];
      double y2 = bbox[r][3];
      if (!(x2 > x1 && y2 > y1) || !Double.isFinite(x1 + x2 + y1 + y2)) {
        throw new MalformedFileException(file, line, "bbox [x1 x2 y1 y2] = [" + x1 + " " + x2 + " " + y1 + " " + y2
            + "] is empty; needs x1 < x2 and y1 < y2");
      }
      String id = AflwSamples.stem(imageName) + "#" + line;
      return samples.sample(id, samples.image(imageName, file + ":" + line), new FaceBox(x1, y1, x2, y2), Landmarks.of(xy),
          Visibility.of(visible), file, line);
    } catch (MalformedFileException e) {
      return e.problem();
    }
  }

  private static float finite(double v, String what, String file, int line) throws MalformedFileException {
    if (!Double.isFinite(v)) {
      throw new MalformedFileException(file, line, what + " is " + v + "; expected a finite number");
    }
    return (float) v;
  }

  private static boolean allVisible(Visibility v) {
    for (int p = 0; p < v.count(); p++) {
      if (!v.isVisible(p)) {
        return false;
      }
    }
    return true;
  }

  private static List<String> names(Mat5File mat, String file) {
    Array a = variable(mat, "nameList", file);
    if (!(a instanceof Cell cell)) {
      throw new IllegalArgumentException("nameList must be a cell array of image paths, got " + a.getType());
    }
    List<String> names = new ArrayList<>(cell.getNumElements());
    for (int i = 0; i < cell.getNumElements(); i++) {
      Array e = cell.get(i);
      // scipy writes nested 1x1 cells; accept one level of nesting.
      if (e instanceof Cell inner && inner.getNumElements() == 1) {
        e = inner.get(0);
      }
      if (!(e instanceof Char c)) {
        throw new IllegalArgumentException("nameList{" + (i + 1) + "} is not a string");
      }
      names.add(c.getString().strip());
    }
    return names;
  }

  /** A numeric variable as {@code [row][column]}, checked to be {@code rows x cols}. */
  private static double[][] matrix(Mat5File mat, String var, int rows, int cols, String file) {
    Array a = variable(mat, var, file);
    if (!(a instanceof Matrix m) || m.getNumRows() != rows || m.getNumCols() != cols) {
      throw new IllegalArgumentException(var + " must be a " + rows + " x " + cols + " numeric matrix (one row per "
          + "nameList entry), got " + a.getType() + " " + a.getNumRows() + " x " + a.getNumCols());
    }
    double[][] out = new double[rows][cols];
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < cols; c++) {
        out[r][c] = m.getDouble(r, c);
      }
    }
    return out;
  }

  /** {@code ra} as 0-based row indices, checked to be a permutation. */
  private static int[] permutation(Mat5File mat, int n, String file) {
    Array a = variable(mat, "ra", file);
    if (!(a instanceof Matrix m) || m.getNumElements() != n) {
      throw new IllegalArgumentException("ra must hold " + n + " row numbers (a permutation of 1.." + n + "), got "
          + a.getType() + " " + a.getNumRows() + " x " + a.getNumCols());
    }
    int[] out = new int[n];
    boolean[] seen = new boolean[n];
    for (int i = 0; i < n; i++) {
      double v = m.getDouble(i);
      int idx = (int) v - 1;
      if (v != Math.rint(v) || idx < 0 || idx >= n || seen[idx]) {
        throw new IllegalArgumentException("ra(" + (i + 1) + ") = " + v + " breaks the permutation of 1.." + n);
      }
      seen[idx] = true;
      out[i] = idx;
    }
    return out;
  }

  private static Array variable(Mat5File mat, String var, String file) {
    for (var entry : mat.getEntries()) {
      if (entry.getName().equals(var)) {
        return entry.getValue();
      }
    }
    throw new IllegalArgumentException("variable '" + var + "' is missing");
  }
}
