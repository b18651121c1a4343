package dev.sa.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.DoublePredicate;

/**
 * The valid values of every numeric config key with a domain, in one place. {@link ConfigLoader}
 * checks a config (and each of its variants) against them when it is loaded, after the types are
 * known to be right, so that a value outside its domain is refused with its dotted path and the
 * valid range instead of being clamped or failing later (e.g. an even {@code sa.window} used to be
 * made odd silently). {@code Setup} checks the bound config again before a run.
 */
public final class ConfigDomains {
  private ConfigDomains() {}

  /** One key's domain: the dotted path, what is valid (for the message), and the test. */
  record Domain(String path, String valid, DoublePredicate ok) {}

  private static final DoublePredicate POSITIVE = v -> v > 0;
  private static final DoublePredicate NON_NEGATIVE = v -> v >= 0;
  private static final DoublePredicate ODD = v -> v >= 1 && v == Math.rint(v) && ((long) v) % 2 == 1;

  /** Every numeric key with a domain; a list key's domain holds for each of its elements. */
  static final List<Domain> DOMAINS = List.of(
      new Domain("threads", ">= 0 (0 = every core)", NON_NEGATIVE),
      new Domain("jobs", ">= 0 (0 = one process per core, 1 = one process)", NON_NEGATIVE),
      new Domain("dataset.validationFraction", "in [0, 1)", v -> v >= 0 && v < 1),
      new Domain("dataset.maxTrain", ">= 0 (0 = all)", NON_NEGATIVE),
      new Domain("input.size", ">= 16", v -> v >= 16),
      new Domain("input.heatmapSize", ">= 8 and <= input.size", v -> v >= 8),
      new Domain("input.sigma", "> 0", POSITIVE),
      new Domain("input.boxScale", "> 0", POSITIVE),
      new Domain("augment.rotationStd", ">= 0", NON_NEGATIVE),
      new Domain("augment.scaleStd", ">= 0", NON_NEGATIVE),
      new Domain("augment.shiftStd", ">= 0", NON_NEGATIVE),
      new Domain("train.batchSize", ">= 1", v -> v >= 1),
      new Domain("train.epochs", ">= 0", NON_NEGATIVE),
      new Domain("train.schedule.lr", "> 0", POSITIVE),
      new Domain("train.schedule.milestones", ">= 0 (epochs)", NON_NEGATIVE),
      new Domain("train.schedule.factors", "> 0", POSITIVE),
      new Domain("train.rmsAlpha", "in [0, 1)", v -> v >= 0 && v < 1),
      new Domain("train.rmsEpsilon", "> 0", POSITIVE),
      new Domain("train.weightDecay", ">= 0", NON_NEGATIVE),
      new Domain("train.workers", ">= 0", NON_NEGATIVE),
      new Domain("train.foregroundWeight", ">= 0 (0 = plain MSE)", NON_NEGATIVE),
      new Domain("train.collapseRatio", "0 (never stop) or > 1, e.g. 1.5", v -> v == 0 || v > 1),
      new Domain("train.preciseBn", ">= 0 (training batches; 0 = the engine's moving averages)", NON_NEGATIVE),
      new Domain("sa.epochs", ">= 0", NON_NEGATIVE),
      new Domain("sa.schedule.lr", "> 0", POSITIVE),
      new Domain("sa.schedule.milestones", ">= 0 (epochs)", NON_NEGATIVE),
      new Domain("sa.schedule.factors", "> 0", POSITIVE),
      new Domain("sa.window", "an odd whole number >= 1 (1, 3, 5, ...)", ODD),
      new Domain("sa.updateRate", "in (0, 1] (1 = o <- y^, the paper)", v -> v > 0 && v <= 1),
      new Domain("sa.updateShare", "in (0, 1] (1 = every face's o moves, the paper)", v -> v > 0 && v <= 1),
      new Domain("sa.crossFit", "0 (the paper) or a number of folds in 2.." + SaConfig.SaSearchConfig.MAX_CROSS_FIT,
          v -> v == 0 || (v >= 2 && v <= SaConfig.SaSearchConfig.MAX_CROSS_FIT)),
      new Domain("sa.template", "an odd whole number >= 1 (1, 3, 5, ...)", ODD),
      new Domain("sa.referenceSize", "> 0", POSITIVE),
      new Domain("sa.lambda", ">= 0 (0 keeps the human annotation)", NON_NEGATIVE),
      new Domain("sa.upsample", "an odd whole number >= 1 (1, 3, 5)", ODD),
      new Domain("sa.templateFloor", "in (0, 1)", v -> v > 0 && v < 1),
      new Domain("refiner.augmentedPasses", "in 0..100", v -> v >= 0 && v <= 100),
      new Domain("evaluate.batchSize", ">= 1", v -> v >= 1));

  /**
   * The problems of {@code tree} (a config whose types are valid), one {@code dotted.path: ...}
   * line each, naming the valid range and the value found.
   */
  public static List<String> check(JsonNode tree) {
    List<String> errors = new ArrayList<>();
    for (Domain d : DOMAINS) {
      JsonNode n = tree.at("/" + d.path().replace('.', '/'));
      if (n.isArray()) {
        for (int i = 0; i < n.size(); i++) {
          check(d, n.get(i), d.path() + "[" + i + "]", errors);
        }
      } else {
        check(d, n, d.path(), errors);
      }
    }
    JsonNode size = tree.at("/input/size");
    JsonNode heatmap = tree.at("/input/heatmapSize");
    if (size.isNumber() && size.asDouble() >= 16 && heatmap.isNumber() && heatmap.asDouble() > size.asDouble()) {
      errors.add("input.heatmapSize: must be >= 8 and <= input.size (" + size.asText() + "), got " + heatmap.asText());
    }
    for (String key : List.of("train", "sa")) {
      JsonNode s = tree.at("/" + key + "/schedule");
      if (s.path("milestones").isArray() && s.path("factors").isArray()
          && s.path("milestones").size() != s.path("factors").size()) {
        errors.add(key + ".schedule: milestones and factors need the same length, got " + s.path("milestones").size()
            + " and " + s.path("factors").size());
      }
    }
    return errors;
  }

  /**
   * The problem of {@code value} at the dotted {@code path} (a key with a domain), as
   * {@code path: must be ..., got value}, or null when it is valid or the key has no domain.
   */
  public static String problem(String path, double value) {
    for (Domain d : DOMAINS) {
      if (d.path().equals(path) && !d.ok().test(value)) {
        return path + ": must be " + d.valid() + ", got " + (value == Math.rint(value) ? Long.toString((long) value)
            : Double.toString(value));
      }
    }
    return null;
  }

  private static void check(Domain d, JsonNode n, String path, List<String> errors) {
    if (n.isNumber() && !d.ok().test(n.asDouble())) {
      errors.add(path + ": must be " + d.valid() + ", got " + n.asText());
    }
  }
}
