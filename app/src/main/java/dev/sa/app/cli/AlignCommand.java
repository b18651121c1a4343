package dev.sa.app.cli;

import dev.sa.api.Dataset;
import dev.sa.api.DatasetContext;
import dev.sa.api.DatasetPlugin;
import dev.sa.api.FaceSample;
import dev.sa.api.Landmarks;
import dev.sa.api.SaException;
import dev.sa.app.config.ConfigLoader;
import dev.sa.app.config.PluginOptions;
import dev.sa.app.config.Suggest;
import dev.sa.app.data.CheckedDataset;
import dev.sa.app.host.PluginHost;
import dev.sa.app.run.RunFolder;
import dev.sa.app.run.RunService;
import dev.sa.support.AtomicFiles;
import dev.sa.app.method.Labels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code sa align RUN_DIR}: exports the searched labels y^ of a finished SA variant, as CSV and in
 * the data set's own annotation format, so other tools can train on them (paper Table 7).
 */
@Command(name = "align", mixinStandardHelpOptions = true,
    description = {"Export the searched labels of a run's variant.",
        "Writes them as CSV (id,point,x,y in image pixels, 0-based) and in the data set's own format"
            + " (e.g. .pts, 1-based), so other tools can train on the cleaned labels."})
public final class AlignCommand implements Callable<Integer> {
  @ParentCommand
  SaCommand root;

  @Parameters(index = "0", paramLabel = "RUN_DIR", description = "A finished run folder.")
  Path runDir;

  @Mixin
  SeedChoice seed;

  @Option(names = "--variant", paramLabel = "NAME", description = "Variant folder name (default: the first with SA).")
  String variant;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: RUN_DIR/aligned/<variant>).")
  Path out;

  @Override
  public Integer call() throws IOException {
    runDir = seed.pick(runDir, root.err);
    Path resolved = runDir.resolve(ConfigLoader.RESOLVED);
    if (!Files.exists(resolved)) {
      throw SaException.invalidInput(runDir + ": not a run folder (no resolved-config.yaml)");
    }
    Path variants = runDir.resolve("variants");
    List<String> names = new ArrayList<>();
    if (Files.isDirectory(variants)) {
      try (Stream<Path> s = Files.list(variants)) {
        s.filter(p -> Files.exists(p.resolve("labels.csv"))).forEach(p -> names.add(p.getFileName().toString()));
      }
    }
    names.sort(null);
    if (names.isEmpty()) {
      throw SaException.invalidInput(runDir + ": no variant with labels yet; finish 'sa run' first");
    }
    String chosen = variant != null ? variant : names.stream().filter(n -> n.contains("sa")).findFirst()
        .orElse(names.get(0));
    if (!names.contains(chosen)) {
      throw SaException.invalidInput("--variant: '" + chosen + "' not found" + Suggest.hint(chosen, names)
          + "; variants: " + names);
    }
    Path dir = out != null ? out : runDir.resolve("aligned").resolve(chosen);
    try (RunFolder lock = RunFolder.lockForOutput(runDir, dir, "--out", root.err::println)) {
      return export(variants, chosen, dir);
    }
  }

  private int export(Path variants, String chosen, Path dir) throws IOException {
    Path resolved = runDir.resolve(ConfigLoader.RESOLVED);
    Map<String, Landmarks> labels = Labels.readLast(variants.resolve(chosen).resolve("labels.csv"));
    ConfigLoader.Loaded loaded = ConfigLoader.load(resolved, List.of());
    RunService.selectEngine(loaded);
    var c = loaded.config();
    int exported = 0;
    try (PluginHost host = root.openPlugins()) {
      DatasetPlugin dp = host.dataset(c.dataset().plugin(), "dataset.plugin");
      Record options = PluginOptions.bind(c.dataset().options(), dp.optionsType(), "dataset.options",
          loaded.source());
      Dataset ds = CheckedDataset.of(dp.open(new DatasetContext(Path.of(c.dataset().root()), c.seed(),
          "dataset"), options));
      Map<String, FaceSample> byId = new HashMap<>();
      for (FaceSample s : ds.split("train")) {
        byId.put(s.id(), s);
      }
      StringBuilder csv = new StringBuilder("id,point,x,y\n");
      for (Map.Entry<String, Landmarks> e : labels.entrySet()) {
        Landmarks l = e.getValue();
        for (int k = 0; k < l.count(); k++) {
          csv.append(e.getKey().contains(",") ? '"' + e.getKey() + '"' : e.getKey()).append(',').append(k).append(',')
              .append(l.x(k)).append(',').append(l.y(k)).append('\n');
        }
        FaceSample s = byId.get(e.getKey());
        if (s != null && ds.exportLabels(s, l, dir.resolve("native")) != null) {
          exported++;
        }
      }
      AtomicFiles.writeString(dir.resolve("labels.csv"), csv.toString());
    }
    root.out.printf("exported %d faces of variant '%s' to %s (labels.csv%s)%n", labels.size(), chosen, dir,
        exported > 0 ? ", " + exported + " files in the data set's format under native/" : "");
    return 0;
  }
}
