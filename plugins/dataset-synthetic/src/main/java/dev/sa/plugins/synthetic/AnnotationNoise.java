package dev.sa.plugins.synthetic;

import dev.sa.api.LandmarkScheme;
import dev.sa.api.Landmarks;
import dev.sa.api.Schemes;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The 'human' annotation models of the synthetic benchmark: how an annotator's clicks depart from
 * the true landmarks. Paper Section 3: weak-semantic points (evenly spaced along a contour,
 * {@link LandmarkScheme#weakPoints()}) have no local feature that fixes them, so people place
 * them inconsistently <em>along</em> the contour, while strong points (corners, tips) are placed
 * almost exactly. Every strength is a standard deviation in units of the face's true inter-pupil
 * distance (the distance of the eye-contour means, the 300W normaliser).
 *
 * <ul>
 *   <li>{@code independent}: each weak point slides along the tangent of its true contour (the
 *       direction between its neighbours on that contour) by {@code N(0, weakTangential)} and
 *       across it by {@code N(0, weakNormal)}; each strong point moves by an isotropic
 *       {@code N(0, strong)} per axis. Zero mean, independent across faces.
 *   <li>{@code annotators}: each face is annotated by one of {@code annotators} simulated people.
 *       Each person has a fixed, seeded convention per contour section (the run of weak points
 *       between two strong points, or the whole jaw): weak point {@code k} of a section, at
 *       fraction {@code t} along it, is shifted along its tangent by
 *       {@code annotatorBias * (cos(phi) + sin(phi) * (2t - 1))} for a per-person, per-section
 *       angle {@code phi}: the cosine slides the whole section one way, the sine spaces its points
 *       wider or narrower (on the jaw: towards or away from the chin). On top comes per-click
 *       jitter, the independent model with every strength times {@code jitterScale}. Strong points
 *       get the jitter only.
 *   <li>{@code appearance}: the independent model with every standard deviation of a face
 *       multiplied by {@code (1 + blur / 2) / sqrt(contrast)} (blur as a Gaussian sigma in pixels
 *       of a 96-pixel image, contrast in (0, 1]) and by {@code occludedScale} more for points
 *       hidden by an occluder: people err more where an edge is faint.
 * </ul>
 * Thread-safe: the conventions are fixed at construction and each call takes its own generator.
 */
public final class AnnotationNoise {
  /** The value of the {@code noise} option. */
  public enum Model {
    INDEPENDENT, ANNOTATORS, APPEARANCE;

    /** The option value, e.g. {@code independent}. */
    public String key() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** The model named {@code key}, or an IllegalArgumentException naming the valid values. */
    public static Model parse(String key) {
      for (Model m : values()) {
        if (m.key().equals(key)) {
          return m;
        }
      }
      throw new IllegalArgumentException(
          "synthetic option noise: '" + key + "' is not a noise model; valid: independent, annotators, appearance");
    }
  }

  /**
   * What one annotator faced on one face.
   *
   * @param annotator index of the simulated annotator (used by {@code annotators})
   * @param blur Gaussian blur sigma in pixels of a 96-pixel image
   * @param contrast contrast factor in (0, 1]
   * @param occluded landmarks covered by an occluder
   */
  public record Conditions(int annotator, double blur, double contrast, Set<Integer> occluded) {
    public Conditions {
      if (annotator < 0) {
        throw new IllegalArgumentException("annotator index must be >= 0, got " + annotator);
      }
      if (!(blur >= 0) || !(contrast > 0 && contrast <= 1)) {
        throw new IllegalArgumentException("conditions need blur >= 0 and contrast in (0, 1], got " + blur
            + ", " + contrast);
      }
      occluded = Set.copyOf(occluded);
    }

    /** A sharp, full-contrast, unoccluded face. */
    public static Conditions clear(int annotator) {
      return new Conditions(annotator, 0, 1, Set.of());
    }
  }

  private static final LandmarkScheme SCHEME = Schemes.ibug68();

  private final Model model;
  private final double weakTangential;
  private final double weakNormal;
  private final double strong;
  private final int annotators;
  private final double jitterScale;
  private final double occludedScale;
  /** Tangential offset of every point per annotator, in inter-pupil units: (annotators, 68). */
  private final double[][] conventions;

  /** The model chosen by {@code options}; conventions are drawn from {@code runSeed}. */
  public AnnotationNoise(SyntheticOptions options, long runSeed) {
    this.model = options.noiseModel();
    this.weakTangential = options.weakTangential();
    this.weakNormal = options.weakNormal();
    this.strong = options.strong();
    this.annotators = options.annotators();
    this.jitterScale = options.jitterScale();
    this.occludedScale = options.occludedScale();
    this.conventions = new double[annotators][Contours.POINTS];
    if (model == Model.ANNOTATORS) {
      Random rng = new Random(Seeds.mix(runSeed, Seeds.CONVENTIONS));
      List<List<Integer>> sections = Contours.sections(SCHEME);
      for (int a = 0; a < annotators; a++) {
        for (List<Integer> section : sections) {
          double phi = 2 * Math.PI * rng.nextDouble();
          for (int k = 0; k < section.size(); k++) {
            int p = section.get(k);
            if (SCHEME.isWeak(p)) {
              double t = (double) k / (section.size() - 1);
              conventions[a][p] = options.annotatorBias() * (Math.cos(phi) + Math.sin(phi) * (2 * t - 1));
            }
          }
        }
      }
      if (options.centreConventions()) {
        centre(conventions);
      }
    }
  }

  /** Subtracts from every point's conventions (column) their mean over the annotators (rows). */
  private static void centre(double[][] conventions) {
    for (int p = 0; p < Contours.POINTS; p++) {
      double mean = 0;
      for (double[] c : conventions) {
        mean += c[p];
      }
      mean /= conventions.length;
      for (double[] c : conventions) {
        c[p] -= mean;
      }
    }
  }

  public Model model() {
    return model;
  }

  public int annotators() {
    return annotators;
  }

  /**
   * The 'human' annotation of a face whose true landmarks are {@code truth} (68 points in image
   * pixels), drawn from {@code rng}; two Gaussian draws per point in index order.
   */
  public Landmarks annotate(Landmarks truth, Conditions conditions, Random rng) {
    if (truth.count() != Contours.POINTS) {
      throw new IllegalArgumentException("the noise models need 68 iBUG points, got " + truth.count());
    }
    double ipd = interPupil(truth);
    double[][] tangent = Contours.tangents(truth);
    float[] xy = truth.toArray();
    for (int i = 0; i < Contours.POINTS; i++) {
      double g1 = rng.nextGaussian();
      double g2 = rng.nextGaussian();
      double k = scale(conditions, i);
      double dx;
      double dy;
      if (SCHEME.isWeak(i)) {
        double along = weakTangential * k * g1 + convention(conditions.annotator(), i);
        double across = weakNormal * k * g2;
        dx = along * tangent[i][0] - across * tangent[i][1];
        dy = along * tangent[i][1] + across * tangent[i][0];
      } else {
        dx = strong * k * g1;
        dy = strong * k * g2;
      }
      xy[2 * i] += (float) (ipd * dx);
      xy[2 * i + 1] += (float) (ipd * dy);
    }
    return Landmarks.of(xy);
  }

  /**
   * The systematic tangential offset of {@code point} by {@code annotator}, in inter-pupil units
   * along the point's contour tangent; 0 for strong points and for the other models.
   */
  public double convention(int annotator, int point) {
    if (model != Model.ANNOTATORS) {
      return 0;
    }
    if (annotator >= annotators) {
      throw new IllegalArgumentException("annotator " + annotator + " outside 0.." + (annotators - 1));
    }
    return conventions[annotator][point];
  }

  /** The factor on every standard deviation of {@code point} under {@code conditions}. */
  public double scale(Conditions conditions, int point) {
    return switch (model) {
      case INDEPENDENT -> 1;
      case ANNOTATORS -> jitterScale;
      case APPEARANCE -> appearanceFactor(conditions.blur(), conditions.contrast())
          * (conditions.occluded().contains(point) ? occludedScale : 1);
    };
  }

  /** {@code (1 + blur / 2) / sqrt(contrast)}: 1 on a sharp full-contrast face. */
  public static double appearanceFactor(double blur, double contrast) {
    return (1 + blur / 2) / Math.sqrt(contrast);
  }

  /** Inter-pupil distance of 68 iBUG points: the distance of the means of 36-41 and 42-47. */
  public static double interPupil(Landmarks points) {
    double[] a = points.mean(Schemes.IBUG_EYE_A);
    double[] b = points.mean(Schemes.IBUG_EYE_B);
    return Math.hypot(a[0] - b[0], a[1] - b[1]);
  }
}
