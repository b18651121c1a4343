package dev.sa.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sa.api.SaException;
import dev.sa.support.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a config: built-in defaults, then the user's file merged over them, then each
 * {@code --set a.b=c}. Every error of the file is collected and reported in one exception whose
 * lines name the file and the dotted path.
 */
public final class ConfigLoader {
  public static final ObjectMapper YAML = new ObjectMapper(
      new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true)
      .registerModule(ConfigChoice.jacksonModule());

  private ConfigLoader() {}

  /** The result: the bound config and the full resolved tree (for resolved-config.yaml). */
  public record Loaded(SaConfig config, ObjectNode tree, String source) {
    /** The config of one seed of a multi-seed run: {@code seed: s}, no {@code seeds}; errors name the seed. */
    public Loaded forSeed(long seed) {
      ObjectNode t = tree.deepCopy();
      t.put("seed", seed);
      t.putArray("seeds");
      try {
        return new Loaded(YAML.treeToValue(t, SaConfig.class), t, source + " (seed " + seed + ")");
      } catch (JsonProcessingException e) {
        throw SaException.invalidInput(source + ": " + e.getOriginalMessage());
      }
    }
  }

  /**
   * {@code :line: not valid YAML: what} in one line: the parser's message spans several lines (the
   * context, the problem, each with an excerpt and a caret); the line is the problem's.
   */
  static String yamlError(JsonProcessingException e) {
    int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
    List<String> said = new ArrayList<>();
    for (String l : String.valueOf(e.getOriginalMessage()).split("\\R")) {
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*in '\\w+', line (\\d+)").matcher(l);
      if (m.find()) {
        line = Integer.parseInt(m.group(1));
      } else if (!l.isBlank() && !Character.isWhitespace(l.charAt(0))) {
        said.add(l.strip());
      }
    }
    return (line > 0 ? ":" + line : "") + ": not valid YAML: " + String.join("; ", said);
  }

  /** A run folder's complete config, as {@link #writeResolved} wrote it when the run began. */
  public static final String RESOLVED = "resolved-config.yaml";

  /**
   * A run folder's {@link #RESOLVED} config that lacks a key of
   * {@link ConfigFingerprint#BEFORE_THE_KEY} was made without it: it reads the behaviour from before
   * the key (and keeps its fingerprint) instead of the key's default today.
   */
  private static void madeBefore(ObjectNode resolved) {
    for (Map.Entry<String, JsonNode> e : ConfigFingerprint.BEFORE_THE_KEY.entrySet()) {
      if (resolved.at(ConfigFingerprint.pointer(e.getKey())).isMissingNode()) {
        setPath(resolved, e.getKey(), e.getValue());
      }
    }
  }

  /** Loads {@code file} (null = the built-in quick-start) with overrides. */
  public static Loaded load(Path file, List<String> overrides) {
    ObjectNode tree = defaults();
    String source = file == null ? "built-in quick-start config" : file.toString();
    if (file == null) {
      merge(tree, resource("/quickstart.yaml"));
    } else {
      JsonNode user;
      try {
        String text = Files.readString(file);
        user = YAML.readTree(text);
        List<String> problems = YamlChecks.problems(text, file.toString());
        if (!problems.isEmpty()) {
          throw SaException.invalidInput(String.join("\n", problems));
        }
      } catch (NoSuchFileException e) {
        throw SaException.invalidInput(file + ": config file not found");
      } catch (JsonProcessingException e) {
        throw SaException.invalidInput(file + yamlError(e));
      } catch (IOException e) {
        throw SaException.invalidInput(file + ": cannot read config: " + e.getMessage());
      }
      if (user == null || user.isMissingNode() || user.isNull()) {
        throw SaException.invalidInput(file + ": the config is empty; write the keys that differ from the defaults"
            + " (see configs/README.md), or leave out the file for the built-in quick-start");
      }
      {
        if (!user.isObject()) {
          throw SaException.invalidInput(file + ": a config is a YAML mapping of keys (see README)");
        }
        if (file.getFileName() != null && RESOLVED.equals(file.getFileName().toString())) {
          madeBefore((ObjectNode) user);
        }
        merge(tree, (ObjectNode) user);
      }
    }
    List<String> errors = new ArrayList<>();
    for (String o : overrides) {
      try {
        applySet(tree, o);
      } catch (IllegalArgumentException e) {
        errors.add("--set " + o + ": " + e.getMessage());
      }
    }
    errors.addAll(TreeValidator.validate(tree, SaConfig.class, ""));
    if (errors.isEmpty()) {
      errors.addAll(ConfigDomains.check(tree));
      errors.addAll(ComparisonKeys.check(tree));
      for (NamedSet v : variantSets(tree)) {
        errors.addAll(validateVariant(tree, v));
      }
    }
    fail(source, errors);
    try {
      return new Loaded(YAML.treeToValue(tree, SaConfig.class), tree, source);
    } catch (JsonProcessingException e) {
      throw SaException.invalidInput(source + ": " + e.getOriginalMessage());
    }
  }

  /**
   * A variant: its name, the overrides by dotted key, and where it was declared (for messages).
   */
  public record NamedSet(String name, ObjectNode set, String path) {}

  /** The rows of a comparison: {@code variants:} in order, then every value of every sweep. */
  public static List<NamedSet> variantSets(ObjectNode tree) {
    List<NamedSet> out = new ArrayList<>();
    JsonNode variants = tree.get("variants");
    if (variants != null && variants.isArray()) {
      for (int i = 0; i < variants.size(); i++) {
        JsonNode v = variants.get(i);
        JsonNode set = v.get("set");
        out.add(new NamedSet(v.path("name").asText(""), set instanceof ObjectNode o ? o : YAML.createObjectNode(),
            "variants[" + i + "]"));
      }
    }
    JsonNode sweeps = tree.get("sweeps");
    if (sweeps != null && sweeps.isArray()) {
      for (int i = 0; i < sweeps.size(); i++) {
        JsonNode sw = sweeps.get(i);
        String key = sw.path("key").asText("");
        String label = key.substring(key.lastIndexOf('.') + 1);
        JsonNode values = sw.get("values");
        if (values == null || !values.isArray()) {
          continue;
        }
        for (int j = 0; j < values.size(); j++) {
          ObjectNode set = sw.get("set") instanceof ObjectNode o ? o.deepCopy() : YAML.createObjectNode();
          set.set(key, values.get(j));
          out.add(new NamedSet(label + "=" + values.get(j).asText(), set, "sweeps[" + i + "].values[" + j + "]"));
        }
      }
    }
    return out;
  }

  /** The tree of a variant (base with its overrides, no variants or sweeps), bound. */
  public static SaConfig withOverrides(ObjectNode base, ObjectNode set) {
    try {
      return YAML.treeToValue(variantTree(base, set), SaConfig.class);
    } catch (JsonProcessingException e) {
      throw SaException.invalidInput("variant overrides " + set + ": " + e.getOriginalMessage());
    }
  }

  /** The tree of a variant (base with its overrides), for hashing shared phases. */
  public static ObjectNode variantTree(ObjectNode base, ObjectNode set) {
    ObjectNode copy = base.deepCopy();
    copy.putArray("variants");
    copy.putArray("sweeps");
    Iterator<Map.Entry<String, JsonNode>> it = set.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      setPath(copy, e.getKey(), e.getValue());
    }
    return copy;
  }

  private static List<String> validateVariant(ObjectNode base, NamedSet v) {
    List<String> errors = new ArrayList<>();
    if (v.name().isBlank()) {
      errors.add(v.path() + ".name: every variant needs a name");
    }
    if (v.path().startsWith("sweeps") && v.name().startsWith("=")) {
      errors.add(v.path() + ": a sweep needs a key, e.g. key: sa.lambda");
    }
    ObjectNode copy;
    try {
      copy = variantTree(base, v.set());
    } catch (IllegalArgumentException ex) {
      errors.add(v.path() + ".set: " + ex.getMessage());
      return errors;
    }
    String where = v.path().startsWith("sweeps") ? v.path() : v.path() + ".set";
    List<String> problems = TreeValidator.validate(copy, SaConfig.class, "");
    if (problems.isEmpty()) {
      // The base's own problems are told once, not again for every variant.
      List<String> inBase = ConfigDomains.check(base);
      for (String p : ConfigDomains.check(copy)) {
        if (!inBase.contains(p)) {
          problems.add(p);
        }
      }
    }
    for (String err : problems) {
      errors.add(where + ": " + err);
    }
    return errors;
  }

  /** Throws one invalid-input error holding every line, or returns when there are none. */
  public static void fail(String source, List<String> errors) {
    if (!errors.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (String e : errors) {
        if (sb.length() > 0) {
          sb.append('\n');
        }
        sb.append(source).append(": ").append(e);
      }
      throw SaException.invalidInput(sb.toString());
    }
  }

  static ObjectNode defaults() {
    return resource("/defaults.yaml");
  }

  private static ObjectNode resource(String name) {
    try (InputStream in = ConfigLoader.class.getResourceAsStream(name)) {
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("built-in " + name + " unreadable", e);
    }
  }

  /** Deep merge: mappings merge key by key; anything else replaces. */
  static void merge(ObjectNode into, ObjectNode from) {
    Iterator<Map.Entry<String, JsonNode>> it = from.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode existing = into.get(e.getKey());
      if (existing instanceof ObjectNode eo && e.getValue() instanceof ObjectNode vo) {
        merge(eo, vo);
      } else {
        into.set(e.getKey(), e.getValue());
      }
    }
  }

  static void applySet(ObjectNode tree, String assignment) {
    int eq = assignment.indexOf('=');
    if (eq <= 0) {
      throw new IllegalArgumentException("expected key=value, e.g. train.epochs=3");
    }
    String key = assignment.substring(0, eq).trim();
    String text = assignment.substring(eq + 1);
    JsonNode value;
    try {
      value = text.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(text);
    } catch (JsonProcessingException e) {
      value = YAML.getNodeFactory().textNode(text);
    }
    if (value == null || value.isMissingNode()) {
      value = YAML.getNodeFactory().textNode(text);
    }
    setPath(tree, key, value);
  }

  static void setPath(ObjectNode tree, String dotted, JsonNode value) {
    String[] parts = dotted.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      JsonNode child = node.get(parts[i]);
      if (child == null) {
        child = node.putObject(parts[i]);
      } else if (!child.isObject()) {
        throw new IllegalArgumentException("'" + String.join(".", java.util.Arrays.copyOf(parts, i + 1))
            + "' is a value, not a section");
      }
      node = (ObjectNode) child;
    }
    node.set(parts[parts.length - 1], value);
  }

  /** Writes the resolved config atomically. */
  public static void writeResolved(ObjectNode tree, Path file) throws IOException {
    AtomicFiles.writeString(file, YAML.writeValueAsString(tree));
  }
}
