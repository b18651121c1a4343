package dev.sa.tools.bench;

import ai.djl.mxnet.jna.LibUtils;
import ai.djl.mxnet.jna.MxnetLibrary;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sa.api.SaException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MXNet's own profiler around a piece of work: the time each operator took, summed by operator name
 * ({@code Convolution}, {@code _backward_GroupNorm}, ...). Operator by operator needs MXNet's bulk
 * execution off ({@code MXNET_EXEC_BULK_EXEC_TRAIN=0}, {@code MXNET_EXEC_BULK_EXEC_INFERENCE=0},
 * read when the engine loads), else a recorded graph shows up as a few fused segments; so
 * {@code sa bench --parts profile} runs in a child process started with them ({@link #ENVIRONMENT}).
 */
final class OperatorProfile {
  /** The environment of a profiling process. */
  static final Map<String, String> ENVIRONMENT = Map.of("MXNET_EXEC_BULK_EXEC_TRAIN", "0",
      "MXNET_EXEC_BULK_EXEC_INFERENCE", "0", ChildBench.PROFILE_MARK, "1");

  private OperatorProfile() {}

  /** Milliseconds per operator name (largest first) spent while {@code work} ran. */
  static Map<String, Double> of(Runnable work) {
    Path dir;
    try {
      dir = Files.createTempDirectory("sa-profile");
    } catch (IOException e) {
      throw SaException.runtime("sa bench: no temp folder for the profile: " + e.getMessage(), e);
    }
    Path file = dir.resolve("profile.json");
    MxnetLibrary lib = LibUtils.loadLibrary();
    check(lib.MXSetProfilerConfig(3, new String[] {"profile_all", "filename", "aggregate_stats"},
        new String[] {"true", file.toString(), "false"}), "configure");
    check(lib.MXSetProfilerState(1), "start");
    try {
      work.run();
    } finally {
      check(lib.MXSetProfilerState(0), "stop");
      check(lib.MXDumpProfile(1), "write");
    }
    try {
      return totals(Files.readString(file));
    } catch (IOException e) {
      throw SaException.runtime("sa bench: cannot read MXNet's profile " + file + ": " + e.getMessage(), e);
    } finally {
      try {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
      } catch (IOException e) {
        // a temp file left behind
      }
    }
  }

  private static void check(int rc, String what) {
    if (rc != 0) {
      throw SaException.runtime("sa bench: MXNet's profiler did not " + what + " (code " + rc + ")", null);
    }
  }

  /**
   * Milliseconds per operator name in a Chrome trace as MXNet writes it: each operator call is a
   * begin ({@code "ph": "B"}) and an end ({@code "E"}) event of category {@code operator} on one
   * thread. MXNet may leave a trailing comma before the closing bracket; it is tolerated.
   */
  static Map<String, Double> totals(String json) throws IOException {
    String fixed = json.replaceAll(",\\s*]", "]");
    JsonNode events = new ObjectMapper().readTree(fixed).path("traceEvents");
    Map<String, Double> open = new HashMap<>();
    Map<String, Double> sum = new HashMap<>();
    for (JsonNode e : events) {
      if (!"operator".equals(e.path("cat").asText())) {
        continue;
      }
      String name = e.path("name").asText();
      String key = name + "\u0000" + e.path("tid").asText();
      String ph = e.path("ph").asText();
      if (ph.equals("B")) {
        open.put(key, e.path("ts").asDouble());
      } else if (ph.equals("E") && open.containsKey(key)) {
        sum.merge(name, (e.path("ts").asDouble() - open.remove(key)) / 1e3, Double::sum);
      }
    }
    Map<String, Double> sorted = new LinkedHashMap<>();
    sum.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(x -> sorted.put(x.getKey(), x.getValue()));
    return sorted;
  }

  /** Whether an operator name is a convolution, forward or backward (MXNet's and oneDNN's fused). */
  static boolean convolution(String op) {
    return List.of("Convolution", "_backward_Convolution", "_sg_mkldnn_conv").contains(op);
  }
}
