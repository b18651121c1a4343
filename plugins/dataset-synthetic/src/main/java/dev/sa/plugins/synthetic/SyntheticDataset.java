package dev.sa.plugins.synthetic;

import dev.sa.api.Dataset;
import dev.sa.api.DataProblem;
import dev.sa.api.FaceBox;
import dev.sa.api.FaceSample;
import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.api.Schemes;
import dev.sa.api.Visibility;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * The opened synthetic data set: splits {@code train}, {@code common}, {@code challenge} and
 * {@code full} (= common then challenge, the same sample objects). Every sample carries its true
 * landmarks and a noisy 'human' annotation ({@link AnnotationNoise}); every point is visible, as
 * in 300W. Images are rendered lazily by {@link SyntheticImageSource}.
 */
final class SyntheticDataset implements Dataset {
  static final List<String> SPLITS = List.of("train", "common", "challenge", "full");

  private final LandmarkScheme scheme = Schemes.ibug68();
  private final SyntheticOptions options;
  private final long runSeed;
  private final FaceGenerator generator;
  private final AnnotationNoise noise;
  private final Map<String, List<FaceSample>> splits = new LinkedHashMap<>();

  /** @param contextSeed the run's seed; {@code seedOffset} is added to it */
  SyntheticDataset(SyntheticOptions options, long contextSeed) {
    this.options = options;
    this.runSeed = contextSeed + options.seedOffset();
    this.generator = new FaceGenerator(options);
    this.noise = new AnnotationNoise(options, runSeed);
    int last = options.annotators() - 1;
    List<FaceSample> train = new ArrayList<>();
    for (int i = 0; i < options.trainSize(); i++) {
      train.add(face(Subset.TRAIN, i, i % options.annotators()));
    }
    // Like 300W's parts, the test subsets come from other hands than most of train.
    List<FaceSample> common = new ArrayList<>();
    for (int i = 0; i < options.commonSize(); i++) {
      common.add(face(Subset.COMMON, i, 0));
    }
    List<FaceSample> challenge = new ArrayList<>();
    for (int i = 0; i < options.challengeSize(); i++) {
      challenge.add(face(Subset.CHALLENGE, i, last));
    }
    List<FaceSample> full = new ArrayList<>(common);
    full.addAll(challenge);
    splits.put("train", List.copyOf(train));
    splits.put("common", List.copyOf(common));
    splits.put("challenge", List.copyOf(challenge));
    splits.put("full", List.copyOf(full));
  }

  private FaceSample face(Subset subset, int index, int annotator) {
    long seed = subset.faceSeed(runSeed, index);
    FaceGeometry g = generator.generate(seed, subset.hard());
    Landmarks human = noise.annotate(g.truth, g.conditions(annotator), new Random(Seeds.mix(seed, Seeds.ANNOTATION)));
    String id = subset.key() + "/" + String.format(Locale.ROOT, "%06d", index);
    FaceBox box = detectorBox(g.truth, options.boxScale(), new Random(Seeds.mix(seed, Seeds.BOX)));
    return new FaceSample(id, new SyntheticImageSource(generator, seed, subset.hard(), id), box, human,
        Visibility.all(human.count()), Optional.of(g.truth), Optional.empty(), "");
  }

  /**
   * A box like a face detector's: the tight box of the true points enlarged by {@code scale},
   * its centre jittered by 3 % and its size by 4 % (Gaussian, clipped at 2.5 std).
   */
  static FaceBox detectorBox(Landmarks truth, double scale, Random rng) {
    FaceBox tight = FaceBox.around(truth, scale);
    double cx = tight.centerX() + tight.width() * ShapeModel.clipped(rng, 0, 0.03, -0.075, 0.075);
    double cy = tight.centerY() + tight.height() * ShapeModel.clipped(rng, 0, 0.03, -0.075, 0.075);
    double f = ShapeModel.clipped(rng, 1, 0.04, 0.9, 1.1);
    double hw = tight.width() * f / 2;
    double hh = tight.height() * f / 2;
    return new FaceBox(cx - hw, cy - hh, cx + hw, cy + hh);
  }

  @Override
  public LandmarkScheme scheme() {
    return scheme;
  }

  @Override
  public List<String> splitNames() {
    return SPLITS;
  }

  @Override
  public List<FaceSample> split(String name) {
    List<FaceSample> s = splits.get(name);
    if (s == null) {
      throw SaException.invalidInput("the synthetic data set has no split '" + name + "'; valid: " + SPLITS);
    }
    return s;
  }

  @Override
  public List<DataProblem> problems() {
    return List.of();
  }

  /**
   * Writes an iBUG {@code .pts} file {@code <dir>/<sample id>.pts} (e.g.
   * {@code dir/train/000123.pts}) atomically: a temporary file in the same folder, then a rename.
   * Coordinates in {@code .pts} files are 1-based (the centre of the top-left pixel is
   * {@code (1, 1)}), so each point is written as {@code x + 1, y + 1}.
   */
  @Override
  public Path exportLabels(FaceSample sample, Landmarks landmarksInImage, Path dir) throws IOException {
    if (landmarksInImage.count() != scheme.count()) {
      throw SaException.invalidInput("cannot export " + landmarksInImage.count() + " points of sample "
          + sample.id() + " as iBUG .pts; the scheme has " + scheme.count());
    }
    if (sample.id().contains("..") || sample.id().startsWith("/")) {
      throw SaException.invalidInput("sample id '" + sample.id() + "' is not a relative path; cannot export it");
    }
    StringBuilder w = new StringBuilder();
    w.append("version: 1\nn_points:  " + landmarksInImage.count() + "\n{\n");
    for (int i = 0; i < landmarksInImage.count(); i++) {
      w.append(String.format(Locale.ROOT, "%.3f %.3f%n", landmarksInImage.x(i) + 1.0, landmarksInImage.y(i) + 1.0));
    }
    w.append("}\n");
    return AtomicFiles.writeString(dir.resolve(sample.id() + ".pts"), w.toString());
  }

  AnnotationNoise noise() {
    return noise;
  }

  FaceGenerator generator() {
    return generator;
  }
}
