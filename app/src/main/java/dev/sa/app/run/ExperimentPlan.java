package dev.sa.app.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sa.api.SaException;
import dev.sa.app.config.ConfigFingerprint;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.SaConfig;
import dev.sa.app.host.PluginHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a config asks to run, decided before anything runs: the variants (a config's variants and
 * sweeps, or the config itself), grouped by the data setup they share, and the units of work with
 * the folder each one runs in. A baseline phase is shared by every variant whose baseline settings
 * are identical; a continuation phase by every variant of a group that differs only in its refiner
 * or evaluation; each variant then fits its refiner and is evaluated. {@link Experiment} runs a
 * group's units; another executor (a cluster queue, more seeds) can plan from the same list.
 *
 * @param groups variants by shared data setup ({@link Setup#key}), in the config's order
 */
public record ExperimentPlan(List<Group> groups) {
  /** One row of the comparison. */
  public record Variant(String name, SaConfig config, ObjectNode tree, String baselineKey, String slug) {
    /** The variant's folder, relative to the run folder. */
    public Path dir() {
      return Path.of("variants", slug);
    }
  }

  /** Variants that share one opened data set. */
  public record Group(String setupKey, List<Variant> variants) {
    public Group {
      variants = List.copyOf(variants);
    }

    public Variant lead() {
      return variants.get(0);
    }

    /**
     * The units of this group, in the order they run: before each variant's own unit, the
     * baseline and continuation phases it needs that no earlier variant ran.
     */
    public List<Unit> units() {
      List<Unit> out = new ArrayList<>();
      Map<String, Path> baselines = new LinkedHashMap<>();
      Map<String, Path> continuations = new LinkedHashMap<>();
      for (Variant v : variants) {
        Path base = baselines.get(v.baselineKey());
        if (base == null) {
          base = Path.of("baseline-" + v.baselineKey());
          baselines.put(v.baselineKey(), base);
          out.add(new Unit(Unit.Kind.BASELINE, v, base, base));
        }
        Path cont = v.dir();
        if (v.config().sa().epochs() > 0) {
          String key = continuationKey(v.tree());
          cont = continuations.get(key);
          if (cont == null) {
            cont = v.dir();
            continuations.put(key, cont);
            out.add(new Unit(Unit.Kind.CONTINUATION, v, cont, base));
          }
        }
        out.add(new Unit(Unit.Kind.VARIANT, v, v.dir(), cont));
      }
      return out;
    }

    /** The folder of the continuation phase {@code v} trains on (its own, or a shared one). */
    public Path continuationDir(Variant v) {
      for (Unit u : units()) {
        if (u.kind() == Unit.Kind.VARIANT && u.variant().equals(v)) {
          return u.from();
        }
      }
      throw new IllegalArgumentException("variant '" + v.name() + "' is not in this group");
    }
  }

  /**
   * A part of a run that one process (a cluster job) can do on its own in the run folder: the
   * baseline phase of one baseline key, or the variants that share one continuation folder (a
   * variant without a continuation is a part of its own). Parts of one run folder run side by side
   * once their baseline part is done; {@code sa run --resume} without a part merges them.
   *
   * @param name {@code baseline-<key>} or {@code variant-<slug>} (slug of the continuation's folder)
   * @param after the baseline part this part needs, or null for a baseline part
   */
  public record Part(String name, String after) {
    static final String BASELINE = "baseline-";
    static final String VARIANT = "variant-";

    /** Whether this part is a baseline phase. */
    public boolean baseline() {
      return name.startsWith(BASELINE);
    }

    /** Whether the part covers some variant of {@code group}. */
    public boolean in(Group group) {
      return group.variants().stream().anyMatch(v -> covers(group, v));
    }

    /** Whether the part covers variant {@code v} of {@code group}. */
    boolean covers(Group group, Variant v) {
      return baseline() ? v.baselineKey().equals(name.substring(BASELINE.length()))
          : group.continuationDir(v).equals(Path.of("variants", name.substring(VARIANT.length())));
    }
  }

  /** The parts of this plan, baselines first (see {@link Part}). */
  public List<Part> parts() {
    List<Part> bases = new ArrayList<>();
    List<Part> rest = new ArrayList<>();
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Group g : groups) {
      for (Variant v : g.variants()) {
        String base = Part.BASELINE + v.baselineKey();
        if (seen.add(base)) {
          bases.add(new Part(base, null));
        }
        String part = Part.VARIANT + g.continuationDir(v).getFileName();
        if (seen.add(part)) {
          rest.add(new Part(part, base));
        }
      }
    }
    bases.addAll(rest);
    return bases;
  }

  /** The part called {@code name}, or exit 2 naming the parts there are. */
  public Part part(String name) {
    List<String> names = new ArrayList<>();
    for (Part p : parts()) {
      if (p.name().equals(name)) {
        return p;
      }
      names.add(p.name());
    }
    throw SaException.invalidInput("--part " + name + ": not a part of this run; its parts: " + String.join(", ", names));
  }

  /**
   * One unit of work.
   *
   * @param kind a baseline phase, a continuation phase (SA, plain continuation or the oracle), or a
   *     variant's own refiner and evaluation
   * @param variant the first variant that needs it
   * @param dir where it runs, relative to the run folder
   * @param from the folder of the unit it starts from: the baseline a continuation continues, the
   *     phase a variant's refiner and evaluation read (the variant's own folder when it has no
   *     continuation); a baseline's own folder
   */
  public record Unit(Kind kind, Variant variant, Path dir, Path from) {
    public enum Kind { BASELINE, CONTINUATION, VARIANT }
  }

  /**
   * The plan of a loaded config, its plugin options resolved into each variant's tree (so that a
   * resumed run, whose config is the resolved one, finds the same shared baseline).
   */
  public static ExperimentPlan of(ConfigLoader.Loaded loaded, PluginHost host) {
    Map<String, List<Variant>> groups = new LinkedHashMap<>();
    for (Variant v : resolvedVariants(loaded, host)) {
      groups.computeIfAbsent(Setup.key(v.tree()), k -> new ArrayList<>()).add(v);
    }
    List<Group> out = new ArrayList<>();
    groups.forEach((k, v) -> out.add(new Group(k, v)));
    return new ExperimentPlan(List.copyOf(out));
  }

  /** {@link #variants}, each with its plugin options resolved and its baseline key taken over the resolved tree. */
  public static List<Variant> resolvedVariants(ConfigLoader.Loaded loaded, PluginHost host) {
    List<Variant> out = new ArrayList<>();
    for (Variant v : variants(loaded)) {
      Setup.resolveOptions(v.tree(), v.config(), host, loaded.source() + " (variant '" + v.name() + "')");
      out.add(new Variant(v.name(), v.config(), v.tree(), baselineKey(v.tree()), v.slug()));
    }
    return out;
  }

  /** Every variant of the plan, in order. */
  public List<Variant> variants() {
    List<Variant> out = new ArrayList<>();
    for (Group g : groups) {
      out.addAll(g.variants());
    }
    return out;
  }

  /** The variants of a config: its variants and sweeps, or the config itself as one row. */
  public static List<Variant> variants(ConfigLoader.Loaded loaded) {
    List<Variant> out = new ArrayList<>();
    SaConfig base = loaded.config();
    List<ConfigLoader.NamedSet> sets = ConfigLoader.variantSets(loaded.tree());
    if (sets.isEmpty()) {
      out.add(new Variant(defaultName(base), base, loaded.tree(), baselineKey(loaded.tree()), slug(defaultName(base))));
      return out;
    }
    java.util.Set<String> slugs = new java.util.HashSet<>();
    for (ConfigLoader.NamedSet v : sets) {
      ObjectNode tree = ConfigLoader.variantTree(loaded.tree(), v.set());
      SaConfig c = ConfigLoader.withOverrides(loaded.tree(), v.set());
      String slug = slug(v.name());
      if (!slugs.add(slug)) {
        throw SaException.invalidInput(loaded.source() + ": " + v.path() + ".name: '" + v.name()
            + "' repeats another variant's name");
      }
      out.add(new Variant(v.name(), c, tree, baselineKey(tree), slug));
    }
    return out;
  }

  /** The paper's row name for a single config: HGs, HGs+Norm, HGs+SA, HGs+SA w/o update, +GHCU, oracle. */
  static String defaultName(SaConfig c) {
    String base = c.backbone().plugin().equals("hourglass") ? "HGs" : "Reg";
    if (c.sa().labels() == dev.sa.app.config.Choices.Labels.TRUTH && !c.sa().enabled()) {
      return "oracle";
    }
    String name = base + (NormalizerStage.active(c) ? "+Norm" : "");
    if (c.sa().enabled() && c.sa().epochs() > 0) {
      name += c.sa().updateObservation() ? "+SA" : "+SA w/o update";
    }
    if (!"none".equals(c.refiner().plugin())) {
      name += "+" + c.refiner().plugin().toUpperCase(Locale.ROOT);
    }
    return name;
  }

  /**
   * Hash of everything that shapes the baseline phase, the rotation normaliser included (the
   * backbone trains on upright crops). Not {@code graph}, {@code threads} or {@code jobs}: how MXNet runs
   * the network changes float rounding only, and a run folder resumed or evaluated in another mode (or
   * made before the key existed) must find its checkpoints. Not {@code predict} either: it only
   * concerns {@code sa predict}, and runs made before it existed must keep their keys.
   */
  public static String baselineKey(ObjectNode tree) {
    return digest(tree, "name", "graph", "threads", "jobs", "sa", "refiner", "evaluate", "predict", "variants", "sweeps");
  }

  private static String digest(ObjectNode tree, String... without) {
    ObjectNode t = dev.sa.app.config.ConfigFingerprint.withoutInactive(tree.deepCopy());
    for (String k : without) {
      t.remove(k);
    }
    // A resume may change these (the collapse guard's ratio) and must find the same phases.
    RunExtension.ON_RESUME.forEach((path, hashed) -> ConfigFingerprint.replace(t, path, hashed));
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(t.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hash of everything that shapes a variant's continuation phase (not its refiner or evaluation). */
  public static String continuationKey(ObjectNode tree) {
    return digest(tree, "name", "graph", "threads", "jobs", "refiner", "evaluate", "predict", "variants", "sweeps");
  }

  static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9=.]+", "-").replaceAll("(^-|-$)", "");
    return s.isEmpty() ? "variant" : s;
  }
}
