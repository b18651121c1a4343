package dev.sa.app.config;

/**
 * The named choices of a config ({@link SaConfig}), each an enum bound from its YAML name (the
 * constant's name in lower case) and checked when the config is loaded ({@link ConfigChoice}).
 */
public final class Choices {
  private Choices() {}

  /** {@code engine}: the DJL engine every array of a run lives on. */
  public enum Engine implements ConfigChoice {
    MXNET("MXNet"),
    PYTORCH("PyTorch");

    private final String djlName;

    Engine(String djlName) {
      this.djlName = djlName;
    }

    /** DJL's name of the engine ({@code MXNet}, {@code PyTorch}). */
    public String djlName() {
      return djlName;
    }

    /** The value whose DJL name is {@code djlName}. */
    public static Engine ofDjlName(String djlName) {
      for (Engine e : values()) {
        if (e.djlName.equals(djlName)) {
          return e;
        }
      }
      throw new IllegalArgumentException("engine: DJL engine '" + djlName + "' is not one of " + ConfigChoice.names(Engine.class));
    }
  }

  /**
   * {@code graph}: how the network runs on MXNet with one device: {@code static} as one recorded
   * graph with its memory planned once (fastest, least memory), {@code dynamic} as one graph taking
   * memory from the pool at every call, {@code off} operator by operator. Other engines and several
   * devices always run operator by operator; all give the same results up to float rounding. YAML
   * reads an unquoted {@code off} as the boolean false, so {@code false} means {@code off}.
   */
  public enum GraphMode implements ConfigChoice {
    STATIC, DYNAMIC, OFF;

    @Override
    public boolean accepts(String text) {
      return configName().equals(text) || (this == OFF && text.equals("false"));
    }
  }

  /** {@code train.loss}: the baseline's heatmap loss, MSE weighted by {@code 1 + train.foregroundWeight * target}. */
  public enum TrainLoss implements ConfigChoice { MSE }

  /**
   * {@code sa.loss}: the SA phase's training loss. {@code mse} is the baseline's (weighted by
   * {@code train.foregroundWeight}); {@code chi2} is Eq. 9 as written: the squared error weighted
   * by 1/E inside the template window around y^, 0 outside, with no foreground weight.
   */
  public enum SaLoss implements ConfigChoice { MSE, CHI2 }

  /** {@code sa.labels}: what the continuation trains on without SA: the human annotation or the truth (oracle). */
  public enum Labels implements ConfigChoice { HUMAN, TRUTH }

  /**
   * {@code sa.chi2}: where the search computes the chi-square: {@code window} inside each search
   * window on the CPU, {@code field} over the whole field on the engine.
   */
  public enum Chi2 implements ConfigChoice { WINDOW, FIELD }

  /**
   * {@code sa.points}: which landmarks Step 1 searches. {@code all} as the paper; {@code weak} only the
   * data set's weak points (those evenly spaced along a contour, {@code LandmarkScheme.isWeak}, paper
   * Section 3), the others keep o exactly: the semantic ambiguity SA targets lies along contours, and
   * moving well-defined corners trades their accuracy for nothing.
   */
  public enum SaPoints implements ConfigChoice { ALL, WEAK }

  /** {@code sa.moves}: y^ - o as searched (the paper), or with its mean over the faces removed per landmark. */
  public enum SaMoves implements ConfigChoice { FREE, CENTRED }

  /**
   * {@code evaluate.perEpoch}: which phases score a test subset after every epoch (the report's test
   * curves). {@code continuation}: the phases after the baseline (SA, the continued baseline, the
   * oracle), as the paper's Fig. 7, which starts from the converged baseline; {@code all}: the
   * baseline (and sa.crossFit's fold networks) too; {@code none}. YAML's {@code true} and
   * {@code false} mean {@code all} and {@code none}. The validation faces are scored after every epoch
   * of every phase either way (the collapse guard and the report's jump table read them).
   */
  public enum PerEpoch implements ConfigChoice {
    CONTINUATION, ALL, NONE;

    @Override
    public boolean accepts(String text) {
      return configName().equals(text) || (this == ALL && text.equals("true")) || (this == NONE && text.equals("false"));
    }

    /** Whether a phase (the baseline's kind, or one after it) scores the test subset after each epoch. */
    public boolean scores(boolean baselinePhase) {
      return this == ALL || (this == CONTINUATION && !baselinePhase);
    }
  }
}
