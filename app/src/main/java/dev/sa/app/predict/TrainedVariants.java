package dev.sa.app.predict;

import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.Suggest;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.Evaluation;
import dev.sa.app.run.ExperimentPlan;
import dev.sa.app.run.Rows;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The variants of a run folder and the trained network of each, found where {@code sa run} leaves
 * them: a variant with continuation epochs ({@code sa.epochs > 0}) ends in
 * {@code variants/<slug>/ckpt/}, or in the folder of the first variant sharing its continuation
 * (variants that differ only in the refiner or the evaluation train it once); a variant without
 * continuation is its shared baseline, {@code baseline-<key>/ckpt/}.
 */
public final class TrainedVariants {
  /**
   * One variant of the run.
   *
   * @param variant name, config (resolved plugin options), tree and slug (its folder name)
   * @param dir {@code RUN_DIR/variants/<slug>}, where its refiner state lives
   * @param checkpoint the trained network's checkpoint folder, or null when none is saved yet
   * @param phase "baseline" or "continuation": which phase's checkpoint that is
   * @param epoch epochs trained in that checkpoint (0 if none)
   * @param plannedEpochs epochs the config asks for in that phase
   */
  public record Trained(ExperimentPlan.Variant variant, Path dir, Path checkpoint, String phase, int epoch,
      int plannedEpochs) {
    public boolean hasCheckpoint() {
      return checkpoint != null;
    }

    public String name() {
      return variant.name();
    }

    public String slug() {
      return variant.slug();
    }
  }

  private TrainedVariants() {}

  /** Every variant of the run at {@code runDir}, in the config's order. */
  public static List<Trained> list(ConfigLoader.Loaded loaded, PluginHost host, Path runDir) throws IOException {
    // The keys are taken over the resolved trees, as 'sa run' does before it trains.
    List<ExperimentPlan.Variant> variants = ExperimentPlan.resolvedVariants(loaded, host);
    List<Trained> out = new ArrayList<>();
    for (ExperimentPlan.Variant v : variants) {
      Path dir = runDir.resolve("variants").resolve(v.slug());
      if (v.config().sa().epochs() > 0) {
        List<Path> candidates = new ArrayList<>();
        candidates.add(dir);
        String key = ExperimentPlan.continuationKey(v.tree());
        for (ExperimentPlan.Variant u : variants) {
          if (u != v && u.config().sa().epochs() > 0 && ExperimentPlan.continuationKey(u.tree()).equals(key)) {
            candidates.add(runDir.resolve("variants").resolve(u.slug()));
          }
        }
        out.add(first(v, dir, candidates, "continuation", v.config().sa().epochs()));
      } else {
        out.add(first(v, dir, List.of(runDir.resolve("baseline-" + v.baselineKey())), "baseline",
            v.config().train().epochs()));
      }
    }
    return out;
  }

  /**
   * A variant chosen for prediction.
   *
   * @param why empty when it was named; else why it is the default, in words
   */
  public record Choice(Trained trained, String why) {}

  /**
   * The variant named {@code wanted}, or when null the default model: the lowest validation NME
   * among the variants not trained on true labels ({@link #bestOnValidation}), else the last one
   * with a checkpoint.
   */
  public static Choice pick(List<Trained> all, String wanted, Path runDir) throws IOException {
    if (wanted != null) {
      return new Choice(choose(all, wanted, runDir), "");
    }
    Optional<Trained> best = bestOnValidation(all, runDir);
    if (best.isPresent()) {
      return new Choice(best.get(), " (the lowest validation NME of the run's non-oracle variants; --variant"
          + " picks another)");
    }
    return new Choice(choose(all, null, runDir), " (the last with a trained checkpoint: the run has no validation"
        + " NME yet)");
  }

  /**
   * The variant named {@code wanted} (folder name or display name), or the last one with a
   * checkpoint when {@code wanted} is null.
   */
  public static Trained choose(List<Trained> all, String wanted, Path runDir) {
    List<String> slugs = new ArrayList<>();
    List<String> trained = new ArrayList<>();
    for (Trained t : all) {
      slugs.add(t.slug());
      if (t.hasCheckpoint()) {
        trained.add(t.slug());
      }
    }
    if (wanted == null) {
      for (int i = all.size() - 1; i >= 0; i--) {
        if (all.get(i).hasCheckpoint()) {
          return all.get(i);
        }
      }
      throw SaException.invalidInput(runDir + ": no variant has a trained checkpoint yet (variants: " + slugs
          + "); finish 'sa run' or 'sa train' first");
    }
    for (Trained t : all) {
      if (t.slug().equals(wanted) || t.name().equals(wanted)) {
        if (!t.hasCheckpoint()) {
          throw SaException.invalidInput("--variant: '" + wanted + "' has no trained checkpoint yet"
              + (trained.isEmpty() ? "; no variant has one" : "; variants with one: " + trained));
        }
        return t;
      }
    }
    throw SaException.invalidInput("--variant: '" + wanted + "' not found" + Suggest.hint(wanted, slugs)
        + "; variants: " + slugs);
  }

  /**
   * The default model of a run: among the variants with a trained checkpoint that were not trained
   * on true labels (an oracle), the one with the lowest validation NME against the annotation in
   * the run's {@code metrics.csv}. Empty when the run has no such figures yet (not finished, or no
   * validation faces).
   */
  public static Optional<Trained> bestOnValidation(List<Trained> all, Path runDir) throws IOException {
    Rows metrics = Rows.read(runDir.resolve("metrics.csv"), Evaluation.METRIC_COLUMNS);
    Trained best = null;
    double bestNme = Double.POSITIVE_INFINITY;
    for (Trained t : all) {
      if (!t.hasCheckpoint() || trainedOnTruth(t)) {
        continue;
      }
      double nme = metrics.value(t.name(), "val", "annotation", "nme");
      if (Double.isFinite(nme) && nme < bestNme) {
        bestNme = nme;
        best = t;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Whether a variant learnt from the true landmarks (an oracle row), which no user has for new faces. */
  static boolean trainedOnTruth(Trained t) {
    return t.variant().tree().at("/sa/labels").asText("").equals("truth");
  }

  private static Trained first(ExperimentPlan.Variant v, Path dir, List<Path> phaseDirs, String phase, int planned)
      throws IOException {
    for (Path p : phaseDirs) {
      Path ckpt = latest(p);
      if (ckpt != null) {
        int epoch = 0;
        Path e = ckpt.resolve("epoch");
        if (Files.exists(e)) {
          try {
            epoch = Integer.parseInt(Files.readString(e).trim());
          } catch (NumberFormatException ignored) {
            epoch = 0;
          }
        }
        return new Trained(v, dir, ckpt, phase, epoch, planned);
      }
    }
    return new Trained(v, dir, null, phase, 0, planned);
  }

  /** The current checkpoint of a phase folder ({@code ckpt/latest} names it), or null. */
  static Path latest(Path phaseDir) throws IOException {
    Path pointer = phaseDir.resolve("ckpt").resolve("latest");
    if (!Files.isRegularFile(pointer)) {
      return null;
    }
    String name = Files.readString(pointer).trim();
    if (name.isEmpty()) {
      return null;
    }
    Path dir = phaseDir.resolve("ckpt").resolve(name);
    return Files.isRegularFile(dir.resolve("model.params")) ? dir : null;
  }
}
