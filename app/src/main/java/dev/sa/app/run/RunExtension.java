package dev.sa.app.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sa.api.SaException;
import dev.sa.app.config.ConfigFingerprint;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.host.PluginHost;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code sa run CONFIG --resume RUN_DIR}: adds the variants a config appends to a run's, keeping
 * everything the run has trained. A researcher who thinks of two more variants after a 3-seed run
 * should not train its baselines and variants again: when the config differs from the run's only by
 * variants added at the end of its list, the run folder (and each seed's) takes the new config and
 * fingerprint, its checkpoints are marked as made by it, and the resume trains only the new
 * variants. The collapse guard's ratio ({@link #ON_RESUME}) may change too, so a run the guard
 * stopped can go on with it off. Anything else that differs is refused (exit 2) with the differing
 * paths.
 *
 * <p>Why this is safe: a baseline's folder is keyed by everything that shapes it, variants left
 * out ({@link ExperimentPlan#baselineKey}), and a variant's continuation by its own settings, so
 * the existing phases are exactly those the new config would train.
 */
public final class RunExtension {
  /**
   * Settings a resume may change: they decide whether a phase stops, never what a finished epoch
   * holds, so a run the collapse guard stopped can go on with the guard off or looser. Each maps to
   * the value phase keys hash for it whatever it is set to ({@link ExperimentPlan#baselineKey}): the
   * value run folders were made with before it could change (defaults.yaml's then), so their keys
   * stay as they were.
   */
  public static final Map<String, JsonNode> ON_RESUME =
      Map.of("train.collapseRatio", JsonNodeFactory.instance.numberNode(1.5));

  private RunExtension() {}

  /** What a resume's config changes: variants added at the end, and {@link #ON_RESUME} settings ("path: a -> b"). */
  record Change(List<String> added, List<String> settings) {}

  /**
   * Checks {@code now} against the run in {@code runDir} and, when it only adds variants, makes it
   * the run's config. Returns the added variants' names (empty: the same config, nothing to do).
   */
  public static List<String> extend(Path runDir, ConfigLoader.Loaded now, PluginHost host,
      Consumer<String> info) throws IOException {
    // the checks of a new run's config first: nothing is written for a config that could not run
    for (ExperimentPlan.Variant v : ExperimentPlan.variants(now)) {
      Setup.checkRanges(v.config(), now.source());
      Setup.device(v.config().devices(), now.source());
    }
    ExperimentPlan.of(now, host);
    Path resolved = runDir.resolve(ConfigLoader.RESOLVED);
    ConfigFingerprint was = ConfigFingerprint.ofWritten(withOptions(ConfigLoader.load(resolved, List.of()), host));
    ObjectNode nowWithOptions = withOptions(now, host);
    ConfigFingerprint will = ConfigFingerprint.ofWritten(nowWithOptions);
    if (was.sha256().equals(will.sha256())) {
      return List.of();
    }
    Change change = change(was.tree(), will.tree(), now.source(), runDir);
    List<String> added = change.added();
    try (RunFolder lock = RunFolder.lock(runDir, info)) {
      List<Long> seeds = now.config().seeds();
      if (seeds.isEmpty()) {
        adopt(runDir, nowWithOptions);
      } else {
        // as SeedRuns makes them: each seed's folder with its plugin options filled in, the top
        // folder with the config as loaded
        for (long s : seeds) {
          Path dir = RunFolder.seedDir(runDir, s);
          if (Files.exists(dir.resolve(ConfigLoader.RESOLVED))) {
            adopt(dir, withOptions(now.forSeed(s), host));
          }
        }
        adopt(runDir, now.tree());
      }
    }
    if (!added.isEmpty()) {
      info.accept(runDir + ": variants added to the run: " + String.join(", ", added)
          + "; its trained baselines and variants are kept");
    }
    if (!change.settings().isEmpty()) {
      info.accept(runDir + ": " + String.join(", ", change.settings()) + " from now on; its trained phases are kept");
    }
    return added;
  }

  /** A copy of a config's tree with every plugin's options filled in, as a one-seed run writes it. */
  private static ObjectNode withOptions(ConfigLoader.Loaded loaded, PluginHost host) {
    ObjectNode t = loaded.tree().deepCopy();
    Setup.resolveOptions(t, loaded.config(), host, loaded.source());
    return t;
  }

  /**
   * The variants {@code now} appends to {@code old}'s and the {@link #ON_RESUME} settings it changes,
   * or exit 2 naming what else differs.
   */
  static Change change(ObjectNode old, ObjectNode now, String source, Path runDir) {
    ObjectNode a = old.deepCopy();
    ObjectNode b = now.deepCopy();
    JsonNode va = a.remove("variants");
    JsonNode vb = b.remove("variants");
    List<String> settings = new ArrayList<>();
    for (String path : ON_RESUME.keySet()) {
      JsonNode was = ConfigFingerprint.remove(a, path);
      JsonNode will = ConfigFingerprint.remove(b, path);
      if (!java.util.Objects.equals(was, will)) {
        settings.add(path + ": " + (was == null ? "(default)" : was.asText()) + " -> "
            + (will == null ? "(default)" : will.asText()));
      }
    }
    List<String> diff = ConfigFingerprint.diff(a, b);
    String refuse = source + ": with --resume " + runDir + " a config may only add variants at the end of the run's"
        + " list or change " + String.join(", ", ON_RESUME.keySet());
    if (!diff.isEmpty()) {
      throw SaException.invalidInput(refuse + "; it also changes " + String.join(", ", diff)
          + "; start a new run with --out");
    }
    int n = va == null ? 0 : va.size();
    if (!settings.isEmpty() && vb != null && vb.equals(va)) {
      return new Change(List.of(), settings);
    }
    if (vb == null || vb.size() <= n) {
      throw SaException.invalidInput(refuse + "; its variants are not a longer list than the run's " + n);
    }
    for (int i = 0; i < n; i++) {
      if (!va.get(i).equals(vb.get(i))) {
        throw SaException.invalidInput(refuse + "; variant " + (i + 1) + " ('" + va.get(i).path("name").asText()
            + "') is now " + vb.get(i) + "; start a new run with --out");
      }
    }
    List<String> names = new ArrayList<>();
    for (int i = n; i < vb.size(); i++) {
      names.add(vb.get(i).path("name").asText());
    }
    return new Change(names, settings);
  }

  /**
   * Makes {@code tree} the config of the (one-seed or top) run folder {@code dir}: its checkpoints
   * first (each names the config that made it), then the fingerprint, then resolved-config.yaml; a
   * stop half way is finished by the same command again.
   */
  private static void adopt(Path dir, ObjectNode tree) throws IOException {
    ConfigFingerprint fp = ConfigFingerprint.ofWritten(tree);
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> marks = walk.filter(p -> p.getFileName().toString().equals(Checkpoints.FINGERPRINT)
          && !isInSeedFolder(dir, p)).toList();
      for (Path m : marks) {
        AtomicFiles.writeString(m, fp.sha256() + "\n");
      }
    }
    RunFolder.writeFingerprint(dir, fp);
    ConfigLoader.writeResolved(tree, dir.resolve(ConfigLoader.RESOLVED));
  }

  /** Whether {@code file} lies in a seed's folder below {@code dir} (adopted with the seed's own config). */
  private static boolean isInSeedFolder(Path dir, Path file) {
    Path rel = dir.relativize(file);
    return rel.getNameCount() > 1 && rel.getName(0).toString().startsWith(RunFolder.SEED_PREFIX);
  }
}
