package dev.sa.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliTest {
  @TempDir
  Path dir;

  @Test
  void versionAndHelp() {
    Cli v = Cli.run("--version");
    assertThat(v.code()).isZero();
    assertThat(v.out()).contains("sa 0.1.0");
    Cli h = Cli.run("--help");
    assertThat(h.code()).isZero();
    assertThat(h.out()).contains("run", "train", "evaluate", "align", "report", "plugins", "data");
  }

  /** {@code sa train} drops the config's variants, and with them its comparison control. */
  @Test
  void trainAConfigThatNamesAControl() {
    java.util.List<String> a = new java.util.ArrayList<>(dev.sa.app.run.TinyRun.args(dir.resolve("trained"),
        "seeds=[]", "sa.epochs=0", "train.epochs=1", "evaluate.subsets=[common]"));
    int at = a.indexOf("run");
    a.set(at, "train");
    a.add(at + 1, Path.of("..", "configs", "label-benchmark.yaml").toString());
    Cli c = Cli.run(a.toArray(String[]::new));
    assertThat(c.code()).as(c.err()).isZero();
    assertThat(dir.resolve("trained").resolve("metrics.csv")).exists();
  }

  @Test
  void reportWithAControlThatIsNoVariantExitsTwoNamingTheConfig() throws Exception {
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    Files.writeString(run.resolve("metrics.csv"), "variant,subset,target,metric,value\n"
        + "HGs (long),full,annotation,nme,5.0\nHGs+SA,full,annotation,nme,4.9\n");
    Files.writeString(run.resolve("resolved-config.yaml"), "report:\n  control: HGs (lnog)\n");
    Cli c = Cli.run("report", run.toString());
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err().strip().lines()).hasSize(1);
    assertThat(c.err()).contains("resolved-config.yaml: report.control = 'HGs (lnog)' is not a variant of this run;"
        + " valid: HGs (long), HGs+SA");
  }

  @Test
  void configTypoInSetExitsTwoWithOneLineAndSuggestion() {
    Cli c = Cli.run("run", "--set", "trian.epochs=1");
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err().strip().lines()).hasSize(1);
    assertThat(c.err()).contains("trian: unknown key (did you mean 'train'?)");
    assertThat(c.err()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void badGraphModeExitsTwoNamingTheValidOnes() {
    Cli c = Cli.run("--plugins", dev.sa.app.run.TinyRun.plugins().toString(), "run", "--out",
        dir.resolve("r").toString(), "--set", "graph=fast");
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err().strip().lines()).hasSize(1);
    assertThat(c.err()).contains("graph: 'fast' is not one of [static, dynamic, off]");
    assertThat(dir.resolve("r")).as("nothing written").doesNotExist();
    // YAML reads an unquoted off as false: it still means off.
    assertThat(dev.sa.app.config.ConfigChoice.parse(dev.sa.app.config.Choices.GraphMode.class, "false")).isEqualTo(dev.sa.app.config.Choices.GraphMode.OFF);
    assertThat(dev.sa.app.config.ConfigChoice.parse(dev.sa.app.config.Choices.GraphMode.class, " Static ")).isEqualTo(dev.sa.app.config.Choices.GraphMode.STATIC);
  }

  @Test
  void unknownSubcommandAndOptionExitTwo() {
    assertThat(Cli.run("rnu").code()).isEqualTo(2);
    Cli c = Cli.run("run", "--bogus");
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err()).contains("--bogus");
  }

  @Test
  void missingConfigFileExitsTwoNamingIt() {
    Cli c = Cli.run("run", dir.resolve("nope.yaml").toString());
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err()).contains("nope.yaml: config file not found");
  }

  @Test
  void badConfigReportsAllErrorsTogether() throws Exception {
    Path f = dir.resolve("c.yaml");
    Files.writeString(f, "trian: {epochs: 1}\ninput: {size: big}\n");
    Cli c = Cli.run("run", f.toString());
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err().strip().lines()).hasSize(2);
  }

  @Test
  void resumeOfANonRunFolderExitsTwo() {
    Cli c = Cli.run("run", "--resume", dir.toString());
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err()).contains("not a run folder");
  }

  @Test
  void reportOfAFolderWithoutMetricsExitsTwo() {
    Cli c = Cli.run("report", dir.toString());
    assertThat(c.code()).isEqualTo(2);
    assertThat(c.err()).contains("no metrics.csv");
  }
}
