package dev.sa.app.figures;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.SaConfig;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.ExperimentPlan;
import dev.sa.app.run.Progress;
import dev.sa.app.run.Setup;
import dev.sa.app.run.TinyRun;
import dev.sa.app.method.SearchParams;
import dev.sa.app.method.SemanticSearch;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every experiment shipped in {@code configs/} loads, names its variants uniquely, binds every
 * plugin's options, asks only for test subsets its data set has, and quotes the paper in a
 * well-formed {@code <config>.reference.csv} whose rows name the config's own variants.
 */
class ShippedConfigsTest {
  static final Path CONFIGS = Path.of("..", "configs");
  /** Splits of the real data sets (plugins/dataset-STAR/README.md); their data is not here. */
  static final Map<String, Set<String>> SPLITS = Map.of(
      "300w", Set.of("train", "common", "challenge", "full"),
      "aflw", Set.of("train", "full", "frontal"),
      "300vw", Set.of("train", "category1", "category2", "category3"),
      "synthetic", Set.of("train", "common", "challenge", "full"));

  static List<Path> configs() throws IOException {
    try (Stream<Path> s = Files.list(CONFIGS)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
  }

  @Test
  void everyConfigLoadsAndEveryVariantIsValid() throws Exception {
    List<Path> files = configs();
    assertThat(files).extracting(p -> p.getFileName().toString()).contains("300w.yaml", "aflw.yaml", "300vw.yaml",
        "refiners.yaml", "resnet.yaml", "lambda-sweep.yaml", "template-sweep.yaml", "sa-epochs.yaml",
        "synthetic-300w.yaml", "synthetic-norm.yaml");
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false)) {
      for (Path file : files) {
        ConfigLoader.Loaded loaded = ConfigLoader.load(file, List.of());
        List<ExperimentPlan.Variant> variants = ExperimentPlan.variants(loaded);
        assertThat(variants).as(file.toString()).isNotEmpty();
        Set<String> slugs = new HashSet<>();
        for (ExperimentPlan.Variant v : variants) {
          String where = file + " variant '" + v.name() + "'";
          assertThat(slugs.add(v.slug())).as(where + ": slug repeats").isTrue();
          Setup.resolveOptions(v.tree(), v.config(), host, where);
          SaConfig c = v.config();
          assertThat(SPLITS).as(where).containsKey(c.dataset().plugin());
          assertThat(SPLITS.get(c.dataset().plugin())).as(where + ": evaluate.subsets")
              .containsAll(c.evaluate().subsets());
          if (c.sa().enabled() && c.sa().epochs() > 0) {
            search(c); // throws when window or template do not scale to odd sizes
          }
        }
      }
    }
  }

  @Test
  void syntheticConfigsOpenTheirDataAndPassTheRunChecks() throws Exception {
    try (PluginHost host = PluginHost.open(TinyRun.plugins(), false)) {
      for (Path file : configs()) {
        if (!file.getFileName().toString().startsWith("synthetic-")) {
          continue;
        }
        ConfigLoader.Loaded loaded = ConfigLoader.load(file, List.of("dataset.options.trainSize=8",
            "dataset.options.commonSize=2", "dataset.options.challengeSize=2"));
        try (Setup setup = new Setup(loaded, host, new Progress(new PrintWriter(new StringWriter()), false))) {
          assertThat(setup.context().tests().keySet()).as(file.toString()).containsExactly("common", "challenge", "full");
        }
      }
    }
  }

  @Test
  void sweepsNameTheirVariantsAsTheReferenceFilesDoAndTemplateSizesStayDistinct() throws Exception {
    List<String> lambdas = names("lambda-sweep.yaml");
    assertThat(lambdas).containsExactly("lambda=0", "lambda=0.01", "lambda=0.05", "lambda=0.1", "lambda=0.3",
        "lambda=0.5", "lambda=1");
    assertThat(names("template-sweep.yaml")).containsExactly("template=1", "template=7", "template=11", "template=15",
        "template=19", "template=25");
    for (String f : List.of("template-sweep.yaml", "template-sweep-aflw.yaml", "synthetic-template-sweep.yaml")) {
      Set<Integer> sizes = new LinkedHashSet<>();
      for (ExperimentPlan.Variant v : ExperimentPlan.variants(ConfigLoader.load(CONFIGS.resolve(f), List.of()))) {
        sizes.add(search(v.config()).params().template());
      }
      assertThat(sizes).as(f + ": scaled template sizes").hasSize(6);
    }
    // The synthetic template sweep keeps the quick-start's search window.
    SaConfig quick = ConfigLoader.load(null, List.of()).config();
    SaConfig sweep = ConfigLoader.load(CONFIGS.resolve("synthetic-template-sweep.yaml"), List.of()).config();
    assertThat(search(sweep).params().window()).isEqualTo(search(quick).params().window());
  }

  @Test
  void referenceFilesAreWellFormedAndQuoteTheConfigsOwnRows() throws Exception {
    int checked = 0;
    for (Path file : configs()) {
      String base = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      Path ref = CONFIGS.resolve(base + ".reference.csv");
      ConfigLoader.Loaded loaded = ConfigLoader.load(file, List.of());
      if (!Files.exists(ref)) {
        // The paper has no synthetic numbers, and Figs. 6-8 give no numbers in the text.
        assertThat(loaded.config().dataset().plugin().equals("synthetic") || base.matches("sa-epochs|300w-curves"))
            .as(file + " mirrors a paper table and needs " + ref.getFileName()).isTrue();
        continue;
      }
      checked++;
      List<String> lines = Files.readAllLines(ref);
      assertThat(lines.get(0)).isEqualTo("variant,subset,target,metric,value,source");
      Set<String> keys = new HashSet<>();
      Set<String> quoted = new HashSet<>();
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",", -1);
        String where = ref + ":" + (i + 1);
        assertThat(f).as(where).hasSize(6);
        assertThat(keys.add(f[0] + "|" + f[1] + "|" + f[3])).as(where + " repeats a row").isTrue();
        assertThat(f[2]).as(where).isEqualTo("annotation");
        assertThat(f[3]).as(where).isIn("nme", "ms_per_face");
        assertThat(Double.parseDouble(f[4])).as(where).isPositive();
        assertThat(f[5]).as(where).startsWith("CVPR19 Table ");
        assertThat(f[1]).as(where).isIn(concat(loaded.config().evaluate().subsets(), "all"));
        quoted.add(f[0]);
      }
      for (ExperimentPlan.Variant v : ExperimentPlan.variants(loaded)) {
        assertThat(quoted).as(ref + " quotes variant " + v.name()).contains(v.name());
      }
    }
    assertThat(checked).isEqualTo(8);
  }

  /** Real-data configs pin the paper's settings (Section 5), so quick-start defaults never leak in. */
  @Test
  void realDataConfigsUseThePapersSettings() throws Exception {
    for (Path file : configs()) {
      for (ExperimentPlan.Variant v : ExperimentPlan.variants(ConfigLoader.load(file, List.of()))) {
        SaConfig c = v.config();
        if (c.dataset().plugin().equals("synthetic")) {
          continue;
        }
        String where = file + " variant '" + v.name() + "'";
        assertThat(c.input().size()).as(where).isEqualTo(256);
        assertThat(c.train().batchSize()).as(where).isEqualTo(10);
        assertThat(c.train().epochs()).as(where).isEqualTo(120);
        assertThat(c.train().schedule().lr()).as(where).isEqualTo(2.5e-4);
        assertThat(c.train().foregroundWeight()).as(where + ": plain MSE").isZero();
        if (!c.refiner().plugin().equals("none") && !v.name().contains("aug")) {
          assertThat(c.refiner().augmentedPasses()).as(where + ": the refiner learns from the plain crops").isZero();
        }
        assertThat(c.train().schedule().lr() / c.train().schedule().factors().stream().reduce(1.0, (a, b) -> a * b))
            .as(where + ": decayed to 2.5e-6").isCloseTo(2.5e-6, org.assertj.core.data.Offset.offset(1e-12));
        if (c.backbone().plugin().equals("hourglass")) {
          assertThat(c.backbone().options().path("stacks").asInt()).as(where).isEqualTo(4);
        }
        if (c.sa().enabled() && c.sa().epochs() > 0) {
          assertThat(c.sa().schedule().lr()).as(where).isEqualTo(2.5e-6);
          assertThat(c.sa().schedule().milestones()).as(where).containsExactly(30, 60, 90);
          assertThat(c.sa().schedule().factors()).as(where).containsExactly(5.0, 2.0, 2.0);
          assertThat(c.sa().window()).as(where).isEqualTo(17);
          if (!v.name().startsWith("lambda=")) {
            assertThat(c.sa().lambda()).as(where).isEqualTo(0.1);
          }
          if (!v.name().startsWith("template=")) {
            assertThat(c.sa().template()).as(where).isEqualTo(c.dataset().plugin().equals("aflw") ? 15 : 19);
          }
        }
      }
    }
  }

  /**
   * Table 2's Norm rows run in 300w.yaml (beside the quoted ones) and on synthetic faces: exactly the
   * rows named "+Norm" turn crops upright, and each Norm row matches a plain row but for the normaliser.
   */
  @Test
  void theNormRowsUseTheRotationNormaliserAndOnlyThey() throws Exception {
    for (String f : List.of("300w.yaml", "synthetic-norm.yaml")) {
      List<ExperimentPlan.Variant> variants = ExperimentPlan.variants(ConfigLoader.load(CONFIGS.resolve(f), List.of()));
      Map<String, ExperimentPlan.Variant> byName = new java.util.LinkedHashMap<>();
      variants.forEach(v -> byName.put(v.name(), v));
      assertThat(byName.keySet()).as(f).contains("HGs+Norm", "HGs+SA+Norm");
      for (ExperimentPlan.Variant v : variants) {
        boolean norm = v.name().contains("+Norm");
        assertThat(v.config().normalizer().plugin()).as(f + " variant '" + v.name() + "'")
            .isEqualTo(norm ? "rotation" : "none");
        if (norm) {
          ExperimentPlan.Variant plain = byName.get(v.name().replace("+Norm", ""));
          assertThat(plain).as(f + ": the plain twin of '" + v.name() + "'").isNotNull();
          var a = v.tree().deepCopy();
          var b = plain.tree().deepCopy();
          a.remove(List.of("normalizer", "name"));
          b.remove(List.of("normalizer", "name"));
          assertThat(a).as(f + ": '" + v.name() + "' differs from '" + plain.name() + "' only in the normaliser")
              .isEqualTo(b);
        }
      }
    }
    assertThat(names("300w.yaml")).contains("HGs+SA+Norm+GHCU");
    SaConfig wide = ConfigLoader.load(CONFIGS.resolve("synthetic-norm.yaml"), List.of()).config();
    assertThat(wide.seeds()).hasSizeGreaterThanOrEqualTo(3);
    assertThat(wide.dataset().options().path("challengeRotationStd").asDouble())
        .isGreaterThan(ConfigLoader.load(null, List.of()).config().dataset().options().path("challengeRotationStd")
            .asDouble(20));
  }

  @Test
  void theReadmeListsEveryConfig() throws Exception {
    String readme = Files.readString(CONFIGS.resolve("README.md"));
    for (Path file : configs()) {
      assertThat(readme).contains("`" + file.getFileName() + "`");
    }
  }

  static SemanticSearch search(SaConfig c) {
    return new SemanticSearch(SearchParams.of(c));
  }

  static List<String> names(String config) {
    List<String> out = new ArrayList<>();
    for (ExperimentPlan.Variant v : ExperimentPlan.variants(ConfigLoader.load(CONFIGS.resolve(config), List.of()))) {
      out.add(v.name());
    }
    return out;
  }

  static List<String> concat(List<String> a, String b) {
    List<String> out = new ArrayList<>(a);
    out.add(b);
    return out;
  }
}
