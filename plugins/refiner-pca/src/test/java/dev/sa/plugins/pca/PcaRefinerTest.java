package dev.sa.plugins.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Normalization;
import dev.sa.api.RefinerSpec;
import dev.sa.api.SaException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcaRefinerTest {
  private static final int OUTLIER = 6; // the lower lip

  @TempDir Path tmp;

  static LandmarkScheme scheme(int n) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      names.add("p" + i);
    }
    return new LandmarkScheme("test" + n, names, List.of(), List.of(new Normalization.BoxSize("box")), Set.of());
  }

  static PcaRefiner fitted(PcaOptions options) {
    Random random = new Random(5);
    List<double[]> shapes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      shapes.add(Faces.random(random, 0.05));
    }
    PcaRefiner refiner = new PcaRefiner(new RefinerSpec(scheme(Faces.N), TargetsOnly.H, 1, Device.cpu(), options), options);
    List<String> log = new ArrayList<>();
    refiner.fit(new TargetsOnly(shapes), log::add);
    assertThat(log).singleElement().asString().contains("300 training shapes").contains("of 20 modes");
    return refiner;
  }

  /** Heatmaps whose maxima are the given confidences, and the points, as (B, N, ...) arrays. */
  static NDArray[] inputs(NDManager manager, List<double[]> points, List<double[]> confidences) {
    int b = points.size();
    int h = TargetsOnly.H;
    float[] maps = new float[b * Faces.N * h * h];
    float[] coords = new float[b * Faces.N * 2];
    for (int f = 0; f < b; f++) {
      for (int i = 0; i < Faces.N; i++) {
        maps[(f * Faces.N + i) * h * h + 5] = (float) confidences.get(f)[i];
        coords[(f * Faces.N + i) * 2] = (float) points.get(f)[2 * i];
        coords[(f * Faces.N + i) * 2 + 1] = (float) points.get(f)[2 * i + 1];
      }
    }
    return new NDArray[] {manager.create(maps, new Shape(b, Faces.N, h, h)), manager.create(coords, new Shape(b, Faces.N, 2))};
  }

  private static double[] ones(double value) {
    double[] c = new double[Faces.N];
    java.util.Arrays.fill(c, value);
    return c;
  }

  @Test
  void anExactModelShapeComesBackUnchanged() {
    PcaRefiner refiner = fitted(PcaOptions.defaults());
    PointDistributionModel model = modelOf(refiner);
    double[] c = new double[model.components()];
    c[0] = 1.5 * Math.sqrt(model.eigenvalue(0));
    c[1] = -1.0 * Math.sqrt(model.eigenvalue(1));
    double[] exact = new Procrustes.Similarity(30 * Math.cos(0.2), 30 * Math.sin(0.2), 31, 29).apply(model.shape(c));
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray[] in = inputs(manager, List.of(exact), List.of(ones(0.8)));
      NDArray out = refiner.refine(in[0], in[1]);
      assertThat(out.getShape()).isEqualTo(new Shape(1, Faces.N, 2));
      assertThat(out.getManager()).isSameAs(in[0].getManager());
      float[] got = out.toFloatArray();
      for (int j = 0; j < exact.length; j++) {
        assertThat(Math.abs(got[j] - exact[j])).as("coordinate %d", j).isLessThan(1e-4);
      }
    }
  }

  @Test
  void aLowConfidenceOutlierIsPulledBackAndInliersStay() {
    double[] errors = outlierErrors(PcaOptions.defaults(), 0.05);
    assertThat(errors[0]).as("outlier error, px").isLessThan(0.5);
    assertThat(errors[1]).as("inlier change, px").isLessThan(0.15);
  }

  @Test
  void robustWeightsRejectAConfidentOutlier() {
    double[] plain = outlierErrors(new PcaOptions(null, null, null, "none", null, null), 0.9);
    double[] tukey = outlierErrors(new PcaOptions(null, null, null, "tukey", null, null), 0.9);
    double[] huber = outlierErrors(new PcaOptions(null, null, null, "huber", null, null), 0.9);
    // Least squares spreads the 10.8 px error over the face; the robust fits do not.
    assertThat(plain[1]).isGreaterThan(0.5);
    assertThat(tukey[0]).isLessThan(0.5);
    assertThat(tukey[1]).isLessThan(0.15);
    assertThat(huber[0]).isLessThan(plain[0]);
    assertThat(huber[1]).isLessThan(plain[1] / 2);
  }

  /** Mean error of the displaced point and mean change of the inliers from the truth, in px. */
  private static double[] outlierErrors(PcaOptions options, double outlierConfidence) {
    PcaRefiner refiner = fitted(options);
    Random random = new Random(9);
    List<double[]> truth = new ArrayList<>();
    List<double[]> observed = new ArrayList<>();
    List<double[]> confidence = new ArrayList<>();
    for (int f = 0; f < 20; f++) {
      double[] t = Faces.random(random, 0);
      double[] o = t.clone();
      o[2 * OUTLIER] += 9;
      o[2 * OUTLIER + 1] -= 6;
      double[] c = ones(0.9);
      c[OUTLIER] = outlierConfidence;
      truth.add(t);
      observed.add(o);
      confidence.add(c);
    }
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray[] in = inputs(manager, observed, confidence);
      float[] got = refiner.refine(in[0], in[1]).toFloatArray();
      double outlier = 0;
      double inliers = 0;
      for (int f = 0; f < truth.size(); f++) {
        for (int i = 0; i < Faces.N; i++) {
          int c = (f * Faces.N + i) * 2;
          double e = Math.hypot(got[c] - truth.get(f)[2 * i], got[c + 1] - truth.get(f)[2 * i + 1]);
          if (i == OUTLIER) {
            outlier += e / truth.size();
          } else {
            inliers += e / (truth.size() * (Faces.N - 1));
          }
        }
      }
      System.out.printf("pca %s, outlier confidence %.2f: outlier error %.3f px (was 10.817), inliers moved %.3f px%n",
          options.robust(), outlierConfidence, outlier, inliers);
      return new double[] {outlier, inliers};
    }
  }

  @Test
  void saveLoadRoundTripGivesIdenticalOutput() throws Exception {
    PcaRefiner refiner = fitted(PcaOptions.defaults());
    Path dir = tmp.resolve("refiner");
    refiner.save(dir);
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(PcaRefiner.FILE_NAME);
    }
    PcaRefiner loaded = new PcaRefiner(new RefinerSpec(scheme(Faces.N), TargetsOnly.H, 1, Device.cpu(), null), PcaOptions.defaults());
    loaded.load(dir);
    Random random = new Random(2);
    List<double[]> faces = List.of(Faces.random(random, 0.5), Faces.random(random, 0.5));
    try (NDManager manager = NDManager.newBaseManager()) {
      NDArray[] in = inputs(manager, faces, List.of(ones(0.7), ones(0.2)));
      assertThat(loaded.refine(in[0], in[1]).toFloatArray()).containsExactly(refiner.refine(in[0], in[1]).toFloatArray());
    }
    PcaRefiner other = new PcaRefiner(new RefinerSpec(scheme(11), TargetsOnly.H, 1, Device.cpu(), null), PcaOptions.defaults());
    assertThatThrownBy(() -> other.load(dir)).isInstanceOf(SaException.class).hasMessageContaining("10 landmarks");
  }

  @Test
  void aDamagedModelFileNamesTheLine() throws Exception {
    PcaRefiner refiner = fitted(PcaOptions.defaults());
    refiner.save(tmp);
    Path file = tmp.resolve(PcaRefiner.FILE_NAME);
    List<String> lines = new ArrayList<>(Files.readAllLines(file));
    int meanLine = 0;
    while (!lines.get(meanLine).startsWith("mean ")) {
      meanLine++;
    }
    lines.set(meanLine, lines.get(meanLine).replaceFirst(" \\S+", " x1"));
    Files.write(file, lines);
    assertThatThrownBy(() -> refiner.load(tmp))
        .isInstanceOf(SaException.class)
        .hasMessageContaining(file + ":" + (meanLine + 1))
        .hasMessageContaining("'x1' is not a number");
  }

  @Test
  void refineBeforeFitIsAPluginError() {
    PcaRefiner refiner = new PcaRefiner(new RefinerSpec(scheme(5), 4, 1, Device.cpu(), null), PcaOptions.defaults());
    try (NDManager manager = NDManager.newBaseManager()) {
      assertThatThrownBy(() -> refiner.refine(manager.zeros(new Shape(1, 5, 4, 4)), manager.zeros(new Shape(1, 5, 2))))
          .isInstanceOf(SaException.class)
          .hasMessageContaining("before fit() or load()");
    }
  }

  static PointDistributionModel modelOf(PcaRefiner refiner) {
    try {
      Path dir = Files.createTempDirectory("pca");
      refiner.save(dir);
      PointDistributionModel model = PointDistributionModel.read(dir.resolve(PcaRefiner.FILE_NAME));
      Files.delete(dir.resolve(PcaRefiner.FILE_NAME));
      Files.delete(dir);
      return model;
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
