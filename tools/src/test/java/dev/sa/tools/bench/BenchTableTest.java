package dev.sa.tools.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchTableTest {
  @TempDir
  Path dir;

  @Test
  void tableAlignsAndCsvQuotes() throws Exception {
    BenchTable t = new BenchTable();
    t.add("model", "hourglass 2x4x128 b8 64px/16", "MXNet", "train_s_per_step", 0.5, "s");
    t.add("config", "hourglass {\"a\":1,\"b\":2}", "PyTorch", "train_s_per_step", 0.25, "s", "MXNet", 0.5);
    String[] lines = t.format().split("\n");
    assertThat(lines).hasSize(3);
    assertThat(lines[1].indexOf("train_s_per_step")).isEqualTo(lines[2].indexOf("train_s_per_step"));
    assertThat(lines[2]).contains("0.500").endsWith("MXNet");
    assertThat(t.value("model", "hourglass 2x4x128 b8 64px/16", "MXNet", "train_s_per_step")).isEqualTo(0.5);
    assertThat(t.value("model", "x", "MXNet", "train_s_per_step")).isNaN();
    Path csv = t.writeCsv(dir);
    assertThat(Files.readAllLines(csv)).containsExactly("section,item,engine,metric,value,unit,versus,ratio",
        "model,hourglass 2x4x128 b8 64px/16,MXNet,train_s_per_step,0.5,s,,",
        "config,\"hourglass {\"\"a\"\":1,\"\"b\"\":2}\",PyTorch,train_s_per_step,0.25,s,MXNet,0.5");
    // what a child process at another thread count hands back
    assertThat(BenchTable.readCsv(csv)).isEqualTo(t.rows());
  }

  @Test
  void numbersKeepTheirScale() {
    assertThat(BenchTable.number(Double.NaN)).isEqualTo("-");
    assertThat(BenchTable.number(0.00012)).isEqualTo("1.200e-04");
    assertThat(BenchTable.number(123.456)).isEqualTo("123.5");
    assertThat(BenchTable.number(0.5)).isEqualTo("0.5000");
  }
}
