package dev.sa.plugins.synthetic;

/**
 * Options of the synthetic data set ({@code options:} block of a {@code synthetic} data set entry).
 * Missing keys arrive as {@code null} and take the defaults below; every value is range-checked
 * here, and the messages name the key and the valid range.
 *
 * @param imageSize side of the square RGB image in pixels, default 96, valid 32..1024
 * @param boxScale enlargement of the tight box around the true points, default 1.25, valid 1.0..2.0
 * @param rotationStd std of the in-plane rotation of train and common faces in degrees, default
 *     10, valid 0..45 (drawn from a Gaussian clipped at 2.5 std)
 * @param challengeRotationStd the same for challenge faces, default 20, valid 0..45
 * @param yawMax largest yaw of train and common faces in radians (uniform in +-yawMax), default
 *     0.3, valid 0..0.5; challenge faces use {@code min(1.5 yawMax, 0.5)}
 * @param seedOffset added to the run's seed, to draw another data set under the same run seed;
 *     default 0
 * @param trainSize faces in {@code train}, default 600, valid 1..1000000
 * @param commonSize faces in {@code common}, default 150, valid 0..1000000
 * @param challengeSize faces in {@code challenge}, default 60, valid 0..1000000
 * @param noise model of the 'human' annotation: {@code independent} (default), {@code annotators}
 *     or {@code appearance}; see {@link AnnotationNoise}
 * @param weakTangential std of a weak point's slide along its contour, in inter-pupil units,
 *     default 0.06, valid 0..0.5
 * @param weakNormal std of a weak point's offset across its contour, default 0.01, valid 0..0.5
 * @param strong isotropic std of a strong point, default 0.015, valid 0..0.5
 * @param annotators simulated annotators of the {@code annotators} model, default 3, valid 1..50
 * @param annotatorBias size of an annotator's convention (tangential offset of weak points), in
 *     inter-pupil units, default 0.05, valid 0..0.5
 * @param jitterScale per-click jitter of the {@code annotators} model as a fraction of the
 *     independent strengths, default 0.5, valid 0..4
 * @param occludedScale std factor of occluded points in the {@code appearance} model, default 3,
 *     valid 1..20
 * @param centreConventions {@code annotators} model only: subtract from every point's conventions
 *     their mean over the annotators, so that the annotators agree with the truth on average (no
 *     bias of the consensus that no label-cleaning method could see); default false
 */
public record SyntheticOptions(
    Integer imageSize,
    Double boxScale,
    Double rotationStd,
    Double challengeRotationStd,
    Double yawMax,
    Long seedOffset,
    Integer trainSize,
    Integer commonSize,
    Integer challengeSize,
    String noise,
    Double weakTangential,
    Double weakNormal,
    Double strong,
    Integer annotators,
    Double annotatorBias,
    Double jitterScale,
    Double occludedScale,
    Boolean centreConventions) {

  public SyntheticOptions {
    imageSize = intIn("imageSize", imageSize, 96, 32, 1024);
    boxScale = in("boxScale", boxScale, 1.25, 1.0, 2.0);
    rotationStd = in("rotationStd", rotationStd, 10.0, 0, 45);
    challengeRotationStd = in("challengeRotationStd", challengeRotationStd, 20.0, 0, 45);
    yawMax = in("yawMax", yawMax, 0.3, 0, 0.5);
    seedOffset = seedOffset == null ? 0L : seedOffset;
    trainSize = intIn("trainSize", trainSize, 600, 1, 1_000_000);
    commonSize = intIn("commonSize", commonSize, 150, 0, 1_000_000);
    challengeSize = intIn("challengeSize", challengeSize, 60, 0, 1_000_000);
    noise = noise == null ? AnnotationNoise.Model.INDEPENDENT.key() : noise;
    AnnotationNoise.Model.parse(noise);
    weakTangential = in("weakTangential", weakTangential, 0.06, 0, 0.5);
    weakNormal = in("weakNormal", weakNormal, 0.01, 0, 0.5);
    strong = in("strong", strong, 0.015, 0, 0.5);
    annotators = intIn("annotators", annotators, 3, 1, 50);
    annotatorBias = in("annotatorBias", annotatorBias, 0.05, 0, 0.5);
    jitterScale = in("jitterScale", jitterScale, 0.5, 0, 4);
    occludedScale = in("occludedScale", occludedScale, 3.0, 1, 20);
    centreConventions = centreConventions != null && centreConventions;
  }

  /** Every option at its default. */
  public static SyntheticOptions defaults() {
    return new SyntheticOptions(null, null, null, null, null, null, null, null, null, null, null, null, null,
        null, null, null, null, null);
  }

  /** The parsed {@link #noise} option. */
  public AnnotationNoise.Model noiseModel() {
    return AnnotationNoise.Model.parse(noise);
  }

  private static double in(String key, Double value, double fallback, double min, double max) {
    double v = value == null ? fallback : value;
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(
          "synthetic option " + key + " must be in " + min + ".." + max + ", got " + v);
    }
    return v;
  }

  private static int intIn(String key, Integer value, int fallback, int min, int max) {
    int v = value == null ? fallback : value;
    if (v < min || v > max) {
      throw new IllegalArgumentException(
          "synthetic option " + key + " must be in " + min + ".." + max + ", got " + v);
    }
    return v;
  }
}
