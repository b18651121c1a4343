package dev.sa.app.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.sa.api.SaException;
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
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);

  private ConfigLoader() {}

  /** The result: the bound config and the full resolved tree (for resolved-config.yaml). */
  public record Loaded(SaConfig config, ObjectNode tree, String source) {}

  /** Loads {@code file} (null = the built-in quick-start) with overrides. */
  public static Loaded load(Path file, List<String> overrides) {
    ObjectNode tree = defaults();
    String source = file == null ? "built-in quick-start config" : file.toString();
    if (file == null) {
      merge(tree, resource("/quickstart.yaml"));
    } else {
      JsonNode user;
      try {
        user = YAML.readTree(Files.readString(file));
      } catch (NoSuchFileException e) {
        throw SaException.invalidInput(file + ": config file not found");
      } catch (JsonProcessingException e) {
        String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr();
        throw SaException.invalidInput(file + where + ": not valid YAML: " + e.getOriginalMessage());
      } catch (IOException e) {
        throw SaException.invalidInput(file + ": cannot read config: " + e.getMessage());
      }
      if (user != null && !user.isMissingNode() && !user.isNull()) {
        if (!user.isObject()) {
          throw SaException.invalidInput(file + ": a config is a YAML mapping of keys (see README)");
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
    JsonNode variants = tree.get("variants");
    if (errors.isEmpty() && variants != null && variants.isArray()) {
      for (int i = 0; i < variants.size(); i++) {
        errors.addAll(validateVariant(tree, variants.get(i), i));
      }
    }
    fail(source, errors);
    try {
      return new Loaded(YAML.treeToValue(tree, SaConfig.class), tree, source);
    } catch (JsonProcessingException e) {
      throw SaException.invalidInput(source + ": " + e.getOriginalMessage());
    }
  }

  /** Applies a variant's overrides to a copy of the base tree and binds it. */
  public static SaConfig withOverrides(ObjectNode base, Map<String, Object> set) {
    ObjectNode copy = base.deepCopy();
    for (Map.Entry<String, Object> e : set.entrySet()) {
      setPath(copy, e.getKey(), YAML.valueToTree(e.getValue()));
    }
    copy.putArray("variants");
    try {
      return YAML.treeToValue(copy, SaConfig.class);
    } catch (JsonProcessingException e) {
      throw SaException.invalidInput("variant overrides " + set + ": " + e.getOriginalMessage());
    }
  }

  /** The tree of a variant (base with its overrides), for hashing shared phases. */
  public static ObjectNode variantTree(ObjectNode base, Map<String, Object> set) {
    ObjectNode copy = base.deepCopy();
    for (Map.Entry<String, Object> e : set.entrySet()) {
      setPath(copy, e.getKey(), YAML.valueToTree(e.getValue()));
    }
    copy.putArray("variants");
    return copy;
  }

  private static List<String> validateVariant(ObjectNode base, JsonNode variant, int index) {
    List<String> errors = new ArrayList<>();
    String path = "variants[" + index + "]";
    JsonNode set = variant.get("set");
    if (variant.get("name") == null || variant.get("name").asText().isBlank()) {
      errors.add(path + ".name: every variant needs a name");
    }
    if (set == null || !set.isObject()) {
      return errors;
    }
    ObjectNode copy = base.deepCopy();
    copy.putArray("variants");
    Iterator<Map.Entry<String, JsonNode>> it = set.fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      try {
        setPath(copy, e.getKey(), e.getValue());
      } catch (IllegalArgumentException ex) {
        errors.add(path + ".set." + e.getKey() + ": " + ex.getMessage());
      }
    }
    for (String err : TreeValidator.validate(copy, SaConfig.class, "")) {
      errors.add(path + ".set: " + err);
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
    dev.sa.app.run.AtomicFiles.writeString(file, YAML.writeValueAsString(tree));
  }
}
