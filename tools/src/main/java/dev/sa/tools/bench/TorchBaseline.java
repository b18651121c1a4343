package dev.sa.tools.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sa.api.SaException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The baseline: the same stacked hourglass in native PyTorch on the CPU ({@code
 * bench/hourglass_bench.py}, run with Debian's {@code python3-torch}), which prints one JSON
 * object. Optional: where {@code import torch} fails the bench says so and prints no ratios.
 */
public final class TorchBaseline {
  /** What to print where the baseline cannot run. */
  public static final String NOT_INSTALLED = "PyTorch baseline: not installed (apt-get install python3-torch)";
  /** Where the script sits inside the sa jar (copied there from bench/ by the build). */
  static final String RESOURCE = "/dev/sa/tools/bench/hourglass_bench.py";

  /** One size's figures. */
  public record Result(int size, int heatmap, int depth, long parameters, double trainSecondsPerStep,
      double inferMsPerFaceBatch1, double inferMsPerFaceBatch, double peakRssMb) {}

  /** The whole output: torch version, threads, one result per size. */
  public record Report(String torchVersion, int threads, List<Result> results) {
    public Report {
      results = List.copyOf(results);
    }

    /** The result for input side {@code size}, or null. */
    public Result forSize(int size) {
      for (Result r : results) {
        if (r.size() == size) {
          return r;
        }
      }
      return null;
    }
  }

  private final String python;

  public TorchBaseline(String python) {
    this.python = python;
  }

  /** Whether {@code python} exists and can {@code import torch} (within 60 s). */
  public boolean available() {
    if (!Files.isExecutable(Path.of(python))) {
      return false;
    }
    try {
      Process p = new ProcessBuilder(python, "-c", "import torch").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The script to run: {@code script} if given, else the jar's copy written to a temp file. */
  static Path script(Path script) throws IOException {
    if (script != null) {
      if (!Files.isRegularFile(script)) {
        throw SaException.invalidInput("--torch-script: " + script + " is not a file");
      }
      return script;
    }
    Path tmp = Files.createTempFile("hourglass_bench", ".py");
    tmp.toFile().deleteOnExit();
    try (InputStream in = TorchBaseline.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw SaException.runtime("the sa jar lacks " + RESOURCE + "; pass --torch-script bench/hourglass_bench.py",
            null);
      }
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
    }
    return tmp;
  }

  /**
   * Runs the script with {@code args} and parses what it prints. OpenMP and OpenBLAS get
   * {@code threads} threads: BLAS threads on top of torch's own would oversubscribe the cores.
   */
  public Report run(Path script, List<String> args, int threads, long timeoutSeconds) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(python, script(script).toString()));
    cmd.addAll(args);
    Path errFile = Files.createTempFile("hourglass_bench", ".err");
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(errFile.toFile());
      pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
      pb.environment().put("OPENBLAS_NUM_THREADS", Integer.toString(threads));
      Process p = pb.start();
      byte[] out = p.getInputStream().readAllBytes();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw SaException.runtime("PyTorch baseline: timed out after " + timeoutSeconds + " s", null);
      }
      if (p.exitValue() != 0) {
        String err = Files.readString(errFile).strip();
        String last = err.isEmpty() ? "" : err.substring(err.lastIndexOf('\n') + 1);
        throw SaException.runtime("PyTorch baseline failed (exit " + p.exitValue() + "): " + last, null);
      }
      return parse(new String(out, StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SaException.runtime("interrupted while running the PyTorch baseline", e);
    } finally {
      Files.deleteIfExists(errFile);
    }
  }

  /**
   * Parses the script's output: the last line that is a JSON object, e.g. {@code {"torch":
   * "1.13.1", "threads": 2, "results": [{"size": 64, "heatmap": 16, "depth": 3, "parameters":
   * 123, "train_s_per_step": 0.5, "infer_ms_per_face_b1": 20.0, "infer_ms_per_face_batch":
   * 9.0, "peak_rss_mb": 900.0}]}}; {@code peak_rss_mb} is optional (NaN when absent or negative).
   *
   * @throws IllegalArgumentException if there is no such line or a field is missing
   */
  public static Report parse(String output) {
    String json = null;
    for (String line : output.split("\n")) {
      if (line.strip().startsWith("{")) {
        json = line.strip();
      }
    }
    if (json == null) {
      throw new IllegalArgumentException("PyTorch baseline printed no JSON object");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("PyTorch baseline printed malformed JSON: " + e.getMessage(), e);
    }
    List<Result> results = new ArrayList<>();
    for (JsonNode r : required(root, "results")) {
      results.add(new Result(required(r, "size").asInt(), required(r, "heatmap").asInt(), required(r, "depth").asInt(),
          required(r, "parameters").asLong(), required(r, "train_s_per_step").asDouble(),
          required(r, "infer_ms_per_face_b1").asDouble(), required(r, "infer_ms_per_face_batch").asDouble(),
          r.has("peak_rss_mb") && r.get("peak_rss_mb").asDouble() > 0 ? r.get("peak_rss_mb").asDouble() : Double.NaN));
    }
    return new Report(required(root, "torch").asText(), required(root, "threads").asInt(), results);
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      throw new IllegalArgumentException("PyTorch baseline JSON lacks '" + field + "'");
    }
    return v;
  }
}
