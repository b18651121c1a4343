package dev.sa.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One experiment, bound from YAML. Every key has a default in {@code defaults.yaml}; a user file
 * is merged over it, so the records never see a missing value. Plugin options stay as trees until
 * the plugin is known, then bind to the plugin's own options record.
 *
 * @param name experiment name, used in reports
 * @param seed seeds every random generator of the run
 * @param seeds several seeds: the run is repeated once per seed (each in {@code RUN/seed-<s>}); empty = {@code seed}
 * @param engine DJL engine ({@code mxnet}; {@code pytorch} when its jars are on the class path)
 * @param devices {@code cpu}, {@code gpu} or {@code gpu:0,1}
 * @param graph MXNet with one device: {@code static}, {@code dynamic} or {@code off}
 * @param threads engine threads (OpenMP, oneDNN): 0 = OMP_NUM_THREADS when set, else every core (one for a
 *     process that trains a small network: {@link dev.sa.app.train.EngineThreads})
 * @param jobs processes that run the run's parts (baselines, variants, seeds) side by side, sharing
 *     {@code threads}: 0 = one per thread, 1 = everything in one process
 *     ({@link Choices.GraphMode})
 */
public record SaConfig(
    String name,
    long seed,
    List<Long> seeds,
    Choices.Engine engine,
    Devices devices,
    Choices.GraphMode graph,
    int threads,
    int jobs,
    DatasetConfig dataset,
    InputConfig input,
    AugmentConfig augment,
    NormalizerConfig normalizer,
    BackboneConfig backbone,
    TrainConfig train,
    SaSearchConfig sa,
    RefinerConfig refiner,
    EvaluateConfig evaluate,
    PredictConfig predict,
    ReportConfig report,
    List<VariantConfig> variants,
    List<SweepConfig> sweeps) {

  /** This config with {@code sa} replaced (a typed override, e.g. a point of a search grid). */
  public SaConfig withSa(SaSearchConfig sa) {
    return new SaConfig(name, seed, seeds, engine, devices, graph, threads, jobs, dataset, input, augment, normalizer, backbone,
        train, sa, refiner, evaluate, predict, report, variants, sweeps);
  }

  /**
   * The data set plugin and its options.
   *
   * @param validationFraction share of the training faces held out for choosing hyper-parameters
   * @param maxTrain use at most this many training faces (0 = all)
   * @param labels optional CSV ({@code id,point,x,y}, image pixels, as written by {@code sa align})
   *     whose labels replace the training faces' annotations, e.g. to train a regression network on
   *     the labels an SA run searched (paper Table 7, "Reg (SA)")
   */
  public record DatasetConfig(
      String plugin, String root, JsonNode options, boolean skipBadSamples, double validationFraction,
      int maxTrain, String labels) {}

  /**
   * Crop and heatmap geometry.
   *
   * @param size side S of the square input crop in pixels (paper: 256)
   * @param heatmapSize side h of the heatmaps
   * @param sigma standard deviation of the Gaussian target in heatmap pixels
   * @param boxScale crop side = boxScale * max(box width, box height)
   */
  public record InputConfig(int size, int heatmapSize, double sigma, double boxScale) {}

  /**
   * Training augmentation (paper Section 5: rotation and scale from Gaussians; flips).
   *
   * @param rotationStd degrees
   * @param scaleStd relative
   * @param shiftStd relative to the crop side
   */
  public record AugmentConfig(double rotationStd, double scaleStd, double shiftStd, boolean flip) {}

  /**
   * The in-plane rotation normaliser before the backbone (paper Table 2, "Norm").
   *
   * @param plugin normaliser plugin id ({@code rotation}), or {@code none}: crops are not rotated
   * @param options the plugin's own options
   */
  public record NormalizerConfig(String plugin, JsonNode options) {}

  public record BackboneConfig(String plugin, JsonNode options) {}

  /** A learning-rate schedule: {@code lr} divided by {@code factors[i]} at epoch {@code milestones[i]}. */
  public record Schedule(double lr, List<Integer> milestones, List<Double> factors) {}

  /**
   * The baseline phase.
   *
   * @param loss {@code mse}
   * @param foregroundWeight heatmap MSE weight {@code 1 + foregroundWeight * target}: 0 is the
   *     paper's plain MSE; a positive value speeds up learning on small, sparse heatmaps. Used by
   *     every MSE phase (baseline, continuation, SA with {@code sa.loss: mse}); never by
   *     {@code sa.loss: chi2}, which is Eq. 9 as written
   * @param rmsAlpha RMSprop smoothing constant
   * @param collapseRatio a phase stops, keeping its last good checkpoint, when an epoch's validation
   *     NME exceeds this multiple of the phase's best so far (0 = never)
   * @param preciseBn at the end of every training epoch, BatchNorm's running averages are replaced by
   *     the mean of the batch statistics of this many training batches at the epoch's final weights
   *     (precise BatchNorm; 0 = keep the engine's moving averages); every phase that trains the backbone
   */
  public record TrainConfig(
      int batchSize, int epochs, Schedule schedule, double rmsAlpha, double rmsEpsilon, double weightDecay,
      int workers, Choices.TrainLoss loss, double foregroundWeight, double collapseRatio, int preciseBn) {}

  /**
   * Semantic Alignment (paper Section 4). Sizes are given at the paper's 256 px heatmap and scaled
   * to the configured heatmap by {@code heatmapSize / referenceSize}.
   *
   * @param window side of the search window (paper: 17)
   * @param template side of the Gaussian template (paper: 19 on 300W, 15 on AFLW)
   * @param lambda weight of the chi-square likelihood against the prior |o - y|^2; 0 keeps o
   * @param upsample search on heatmaps upsampled by this integer factor (sub-pixel labels)
   * @param templateFloor the template's tail is floored at this value so 1/E stays finite
   * @param subpixel refine the search's argmin by a parabola through neighbouring costs
   * @param loss {@code mse} or {@code chi2}: Eq. 9 as written, the squared error weighted by 1/E
   *     inside the template window around y^ (0 outside), without {@code train.foregroundWeight}
   * @param labels what the continuation phase trains on without SA: {@code human} or {@code truth}
   *     (the oracle, synthetic data only)
   * @param chi2 where the chi-square is computed: {@code window} (only inside each search window,
   *     on the CPU, in parallel; the fastest on a CPU) or {@code field} (the whole field on the
   *     engine as separable correlations, for a GPU)
   * @param updateRate with {@code updateObservation}: {@code o <- o + updateRate (y^ - o)} after each
   *     epoch; 1 is the paper's {@code o <- y^}, below 1 a damped update (not in the paper)
   * @param updateShare with {@code updateObservation}: per landmark, the share of the training faces
   *     whose o moves after each epoch, those whose y^ fits the template best (the lowest chi-square
   *     at y^); 1 moves every face (the paper), below 1 a confidence-gated update (not in the paper)
   * @param points which landmarks are searched: {@code all} (the paper) or {@code weak} (only the
   *     scheme's weak points; the others keep o)
   * @param moves {@code free}: y^ as searched (the paper); {@code centred}: after each search pass,
   *     per landmark, the mean over the training faces of y^ - o (in heatmap pixels of each face's
   *     crop) is subtracted from every face's move, so the search can redistribute the labels along
   *     a contour but not shift the whole data set's consensus (not in the paper)
   * @param crossFit 0 (the paper): Step 1 searches each face in the heatmaps of the network being
   *     trained, which has seen that face's label; {@code K} from 2: the training faces are split
   *     into K seeded folds, a network per fold is trained as the baseline (for as many steps) on
   *     the other folds' human labels, and Step 1 searches each face in the heatmaps of its fold's network, which
   *     never saw the face (cross-fitting; not in the paper)
   */
  public record SaSearchConfig(
      boolean enabled, int epochs, Schedule schedule, int window, int template, double referenceSize,
      double lambda, int upsample, boolean subpixel, double templateFloor, boolean updateObservation, double updateRate,
      double updateShare, Choices.SaLoss loss, Choices.Labels labels, Choices.Chi2 chi2, Choices.SaPoints points,
      Choices.SaMoves moves, int crossFit) {
    /** The most folds {@code crossFit} takes (each fold costs a baseline's training). */
    public static final int MAX_CROSS_FIT = 10;

    /** This search with {@code lambda}, {@code template} and {@code window} replaced (e.g. a point of a grid). */
    public SaSearchConfig withSearch(double lambda, int template, int window) {
      return new SaSearchConfig(enabled, epochs, schedule, window, template, referenceSize, lambda, upsample, subpixel,
          templateFloor, updateObservation, updateRate, updateShare, loss, labels, chi2, points, moves,
          crossFit);
    }
  }

  /**
   * @param plugin refiner plugin id, or {@code none}
   * @param options the plugin's own options
   * @param augmentedPasses besides the plain training crops (the paper's data), this many passes
   *     over the training faces with the training augmentation: heatmaps of unseen poses, closer
   *     to what the refiner meets on test faces than the fitted training crops
   */
  public record RefinerConfig(String plugin, JsonNode options, int augmentedPasses) {}

  /**
   * @param subsets test subsets to score
   * @param normalizer name of the NME normaliser, or {@code default} for the data set's own
   * @param meanShape add a mean-shape predictor row (shows that training learned something)
   * @param perEpoch which phases score a test subset after every epoch (Fig. 7; {@link Choices.PerEpoch});
   *     the validation faces are scored after every epoch either way
   */
  public record EvaluateConfig(List<String> subsets, String normalizer, int batchSize, boolean meanShape,
      Choices.PerEpoch perEpoch) {}

  /**
   * Settings of {@code sa predict} (not used by training).
   *
   * @param detector the face detector for images without a given box
   */
  public record PredictConfig(DetectorConfig detector) {}

  /**
   * The comparison tables of the report.
   *
   * @param control the variant every other is compared with, paired by seed (empty: {@code HGs (long)} when present)
   */
  public record ReportConfig(String control) {}

  /**
   * @param plugin face detector plugin id ({@code opencv}), or {@code none}: the whole image is the box
   * @param options the plugin's own options
   */
  public record DetectorConfig(String plugin, JsonNode options) {}

  /** One row of a comparison: a name and overrides of the base config by dotted key. */
  public record VariantConfig(String name, Map<String, Object> set) {}

  /**
   * A sweep of one key (paper Tables 5, 6, Fig. 8): one variant per value, named
   * {@code <last key segment>=<value>}, each with the common overrides {@code set}.
   */
  public record SweepConfig(String key, List<Object> values, Map<String, Object> set) {}
}
