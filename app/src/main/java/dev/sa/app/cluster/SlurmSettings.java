package dev.sa.app.cluster;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.sa.api.SaException;
import dev.sa.app.config.Suggest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a cluster's jobs ask the scheduler for, from the user's {@code --slurm-options FILE} (YAML):
 * nothing here is hard-coded for one site. Every key is optional; a job without settings gets the
 * cluster's defaults.
 *
 * <pre>
 * partition: gpu          # #SBATCH --partition
 * account: lab123         # #SBATCH --account
 * time: "12:00:00"        # #SBATCH --time (Slurm's formats: MM, HH:MM:SS, D-HH)
 * cpusPerTask: 8          # #SBATCH --cpus-per-task; the job's engine threads follow it
 * memory: 32G             # #SBATCH --mem
 * gpus: 1                 # #SBATCH --gres=gpu:N (use with devices: gpu in the config)
 * extra: ["--qos=normal"] # more #SBATCH lines, verbatim
 * prelude: ["module load java/17"]   # shell lines before sa starts
 * </pre>
 */
public record SlurmSettings(String partition, String account, String time, int cpusPerTask, String memory,
    int gpus, List<String> extra, List<String> prelude) {

  static final List<String> KEYS = List.of("partition", "account", "time", "cpusPerTask", "memory", "gpus",
      "extra", "prelude");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.,:+-]+");
  private static final Pattern TIME = Pattern.compile("\\d+(-\\d+)?(:\\d+){0,2}|UNLIMITED|INFINITE");
  private static final Pattern MEMORY = Pattern.compile("\\d+[KMGT]?");

  /** No settings: the cluster's defaults for everything. */
  public static SlurmSettings none() {
    return new SlurmSettings(null, null, null, 0, null, 0, List.of(), List.of());
  }

  public SlurmSettings {
    extra = List.copyOf(extra);
    prelude = List.copyOf(prelude);
  }

  /** Reads and checks a settings file; a bad file or value is exit 2 naming the file and key. */
  public static SlurmSettings read(Path file) {
    JsonNode root;
    try {
      ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
      yaml.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
      root = yaml.readTree(Files.readString(file));
    } catch (IOException e) {
      throw SaException.invalidInput(file + ": cannot read the Slurm settings: " + oneLine(e.getMessage()));
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return none();
    }
    if (!root.isObject()) {
      throw SaException.invalidInput(file + ": expected a map of Slurm settings (keys: " + String.join(", ", KEYS) + ")");
    }
    for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
      String key = it.next();
      if (!KEYS.contains(key)) {
        throw SaException.invalidInput(file + ": " + key + ": unknown key" + Suggest.hint(key, KEYS)
            + "; valid keys: " + String.join(", ", KEYS));
      }
    }
    return new SlurmSettings(
        text(file, root, "partition", NAME, "letters, digits and _.,:+-"),
        text(file, root, "account", NAME, "letters, digits and _.,:+-"),
        text(file, root, "time", TIME, "Slurm's time formats, e.g. 90, 12:00:00, 2-00"),
        count(file, root, "cpusPerTask", 1024),
        text(file, root, "memory", MEMORY, "a number with an optional K, M, G or T suffix, e.g. 32G"),
        count(file, root, "gpus", 64),
        lines(file, root, "extra"),
        lines(file, root, "prelude"));
  }

  /** The {@code #SBATCH} option lines these settings give (without the job's own name and output). */
  List<String> options() {
    List<String> o = new ArrayList<>();
    if (partition != null) {
      o.add("--partition=" + partition);
    }
    if (account != null) {
      o.add("--account=" + account);
    }
    if (time != null) {
      o.add("--time=" + time);
    }
    if (cpusPerTask > 0) {
      o.add("--cpus-per-task=" + cpusPerTask);
    }
    if (memory != null) {
      o.add("--mem=" + memory);
    }
    if (gpus > 0) {
      o.add("--gres=gpu:" + gpus);
    }
    o.addAll(extra);
    return o;
  }

  private static String text(Path file, JsonNode root, String key, Pattern valid, String what) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return null;
    }
    String s = n.asText();
    if (!n.isValueNode() || !valid.matcher(s).matches()) {
      throw SaException.invalidInput(file + ": " + key + ": '" + oneLine(n.isValueNode() ? s : n.toString()) + "' is not valid; expected " + what);
    }
    return s;
  }

  private static int count(Path file, JsonNode root, String key, int max) {
    JsonNode n = root.get(key);
    if (n == null || n.isNull()) {
      return 0;
    }
    if (!n.isIntegralNumber() || n.asInt() < 1 || n.asInt() > max) {
      throw SaException.invalidInput(file + ": " + key + ": '" + oneLine(n.toString()) + "' is not valid; expected an integer 1.." + max);
    }
    return n.asInt();
  }

  private static List<String> lines(Path file, JsonNode root, String key) {
    JsonNode n = root.get(key);
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (n.isTextual()) {
      n = new ObjectMapper().valueToTree(List.of(n.asText()));
    }
    if (!n.isArray()) {
      throw SaException.invalidInput(file + ": " + key + ": expected a list of lines");
    }
    for (JsonNode line : n) {
      if (!line.isValueNode() || line.asText().contains("\n")) {
        throw SaException.invalidInput(file + ": " + key + ": every entry must be one line of text");
      }
      out.add(line.asText());
    }
    return out;
  }

  static String oneLine(String s) {
    return s == null ? "" : s.replaceAll("\\s+", " ").trim();
  }
}
