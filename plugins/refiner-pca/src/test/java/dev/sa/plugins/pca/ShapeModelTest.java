package dev.sa.plugins.pca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ShapeModelTest {
  @Test
  void similarityFitRecoversAKnownTransform() {
    double[] from = Faces.face(0.3, -0.2, 1, 0, 0, 0);
    Procrustes.Similarity truth = new Procrustes.Similarity(1.2 * Math.cos(0.3), 1.2 * Math.sin(0.3), 5, -7);
    Procrustes.Similarity fitted = Procrustes.fit(from, truth.apply(from), null);
    assertThat(fitted.a()).isCloseTo(truth.a(), within(1e-12));
    assertThat(fitted.b()).isCloseTo(truth.b(), within(1e-12));
    assertThat(fitted.tx()).isCloseTo(5, within(1e-10));
    assertThat(fitted.ty()).isCloseTo(-7, within(1e-10));
  }

  @Test
  void procrustesRemovesPureSimilarities() {
    Random random = new Random(3);
    List<double[]> shapes = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      shapes.add(Faces.face(0.5, 0.5, 0.5 + random.nextDouble(), random.nextDouble() - 0.5,
          random.nextGaussian() * 10, random.nextGaussian() * 10));
    }
    PointDistributionModel model = PointDistributionModel.fit(shapes, 0.98, 0);
    assertThat(model.components()).isZero();
    double[] mean = model.mean();
    assertThat(Procrustes.dot(mean, mean)).isCloseTo(1, within(1e-9));
  }

  @Test
  void twoTrueModesAreFoundAndExplainTheVariance() {
    Random random = new Random(4);
    List<double[]> shapes = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      shapes.add(Faces.random(random, 0.0));
    }
    PointDistributionModel model = PointDistributionModel.fit(shapes, 0.98, 0);
    assertThat(model.components()).isEqualTo(2);
    assertThat(model.explained()).isGreaterThan(0.98);
    assertThat(model.eigenvalue(0)).isGreaterThan(model.eigenvalue(1));
    assertThat(PointDistributionModel.fit(shapes, 0.98, 1).components()).isEqualTo(1);
    // Unit, orthogonal modes.
    assertThat(Procrustes.dot(model.modeView(0), model.modeView(0))).isCloseTo(1, within(1e-9));
    assertThat(Procrustes.dot(model.modeView(0), model.modeView(1))).isCloseTo(0, within(1e-9));
  }

  @Test
  void solveMatchesAHandComputedSystem() {
    // 2x + y = 5, x + 3y = 10 -> x = 1, y = 3.
    double[] x = RobustShapeFitter.solve(new double[][] {{2, 1}, {1, 3}}, new double[] {5, 10});
    assertThat(x).containsExactly(new double[] {1, 3}, within(1e-12));
    assertThat(RobustShapeFitter.solve(new double[][] {{1, 2}, {2, 4}}, new double[] {1, 2})).isNull();
  }
}
