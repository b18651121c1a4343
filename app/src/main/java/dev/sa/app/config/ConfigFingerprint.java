package dev.sa.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The fingerprint of a resolved config: a SHA-256 over a canonical form of the tree (keys sorted,
 * numbers compared by value, so {@code 1} and {@code 1.0} are the same), without the keys that do
 * not change what a run's checkpoints hold:
 *
 * <ul>
 *   <li>{@code graph}: how MXNet runs the network changes float rounding only (as in
 *       {@code Experiment.baselineKey}), and a run folder may be resumed in another mode;
 *   <li>{@code threads}: the same (OpenMP sums in another order); a run may resume on another machine;
 *   <li>{@code jobs}: how many processes share the threads (each part's thread count follows from it);
 *   <li>{@code evaluate.subsets}: {@code sa evaluate --subsets} scores a run on other subsets on
 *       purpose;
 *   <li>{@code normalizer} while its plugin is {@code none}: it changes nothing then, and run
 *       folders made before normalisers existed keep their fingerprint ({@link #withoutInactive}).
 * </ul>
 *
 * <p>A run folder keeps the fingerprint (and the tree) of the config it was created with, and every
 * checkpoint the fingerprint of the config that made it; resume and evaluate refuse a mismatch.
 */
public final class ConfigFingerprint {
  /** Dotted paths left out of the fingerprint (see the class comment for why). */
  public static final List<String> EXCLUDED = List.of("graph", "threads", "jobs", "evaluate.subsets");

  private static final int MAX_VALUE = 60;

  private final ObjectNode tree;
  private final String sha256;

  private ConfigFingerprint(ObjectNode tree, String sha256) {
    this.tree = tree;
    this.sha256 = sha256;
  }

  /**
   * The fingerprint of a config tree as {@code resolved-config.yaml} holds it (written and read
   * back), so that a resumed run, whose config is read from that file, hashes the same.
   */
  public static ConfigFingerprint ofWritten(ObjectNode tree) {
    try {
      return of((ObjectNode) ConfigLoader.YAML.readTree(ConfigLoader.YAML.writeValueAsString(tree)));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The fingerprint of a resolved config tree (the tree is copied, not changed). */
  public static ConfigFingerprint of(ObjectNode resolved) {
    ObjectNode t = resolved.deepCopy();
    withoutInactive(t);
    for (String path : EXCLUDED) {
      remove(t, path);
    }
    StringBuilder sb = new StringBuilder();
    canonical(t, sb);
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
      return new ConfigFingerprint(t, HexFormat.of().formatHex(d));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Keys added after run folders existed, each with the behaviour from before it. At that value a
   * key hashes as if it did not exist ({@link #withoutInactive}), and a run folder's resolved config
   * that lacks it reads it as that value ({@link ConfigLoader}), so run folders made before a key
   * keep their fingerprints and their behaviour.
   */
  static final Map<String, JsonNode> BEFORE_THE_KEY = Map.of(
      "sa.points", JsonNodeFactory.instance.textNode("all"),
      "sa.moves", JsonNodeFactory.instance.textNode("free"), // y^ as searched
      "sa.crossFit", JsonNodeFactory.instance.numberNode(0), // heatmaps of the network being trained
      "sa.updateRate", JsonNodeFactory.instance.numberNode(1.0), // the paper's o <- y^
      "sa.updateShare", JsonNodeFactory.instance.numberNode(1.0), // every point moves
      "train.preciseBn", JsonNodeFactory.instance.numberNode(0)); // the engine's moving averages

  /**
   * Removes the {@code normalizer} block from {@code tree} when its plugin is {@code none}, and
   * every key of {@link #BEFORE_THE_KEY} at its value from before the key existed: a setting at its
   * inert default hashes as if the key did not exist (fingerprints, baseline and continuation keys),
   * so run folders made before it keep theirs.
   */
  public static ObjectNode withoutInactive(ObjectNode tree) {
    if ("none".equals(tree.at("/normalizer/plugin").asText())) {
      tree.remove("normalizer");
    }
    for (Map.Entry<String, JsonNode> e : BEFORE_THE_KEY.entrySet()) {
      int dot = e.getKey().lastIndexOf('.');
      JsonNode value = tree.at(pointer(e.getKey()));
      if (sameValue(value, e.getValue())
          && tree.at(pointer(e.getKey().substring(0, dot))) instanceof ObjectNode parent) {
        parent.remove(e.getKey().substring(dot + 1));
      }
    }
    return tree;
  }

  /** Removes the dotted {@code path} from {@code tree}; returns what was there, or null. */
  public static JsonNode remove(ObjectNode tree, String path) {
    int dot = path.lastIndexOf('.');
    return parentOf(tree, path) instanceof ObjectNode o ? o.remove(path.substring(dot + 1)) : null;
  }

  /** Sets the dotted {@code path} of {@code tree} to {@code value} where the tree has it. */
  public static void replace(ObjectNode tree, String path, JsonNode value) {
    String leaf = path.substring(path.lastIndexOf('.') + 1);
    if (parentOf(tree, path) instanceof ObjectNode o && o.has(leaf)) {
      o.set(leaf, value);
    }
  }

  private static JsonNode parentOf(ObjectNode tree, String path) {
    int dot = path.lastIndexOf('.');
    return dot < 0 ? tree : tree.at(pointer(path.substring(0, dot)));
  }

  /** The JSON pointer of a dotted path. */
  static String pointer(String dotted) {
    return "/" + dotted.replace('.', '/');
  }

  private static boolean sameValue(JsonNode a, JsonNode b) {
    return a.isNumber() && b.isNumber() ? a.asDouble() == b.asDouble() : a.isTextual() && a.asText().equals(b.asText());
  }

  /** The tree that was hashed (the resolved config without {@link #EXCLUDED}). */
  public ObjectNode tree() {
    return tree;
  }

  /** Hex SHA-256 of the canonical tree. */
  public String sha256() {
    return sha256;
  }

  /** The first 12 hex digits, for messages. */
  public String shortHash() {
    return sha256.substring(0, 12);
  }

  /**
   * The differences from {@code old} to {@code now}, one {@code dotted.path: old -> new} per key
   * that differs (a list is compared as one value), in key order.
   */
  public static List<String> diff(JsonNode old, JsonNode now) {
    List<String> out = new ArrayList<>();
    diff(old, now, "", out);
    return out;
  }

  private static void diff(JsonNode a, JsonNode b, String path, List<String> out) {
    if (a != null && b != null && a.isObject() && b.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      a.fieldNames().forEachRemaining(keys::add);
      b.fieldNames().forEachRemaining(keys::add);
      for (String k : keys) {
        diff(a.get(k), b.get(k), path.isEmpty() ? k : path + "." + k, out);
      }
      return;
    }
    if (!canonical(a).equals(canonical(b))) {
      out.add((path.isEmpty() ? "(top level)" : path) + ": " + show(a) + " -> " + show(b));
    }
  }

  private static String show(JsonNode n) {
    if (n == null || n.isMissingNode()) {
      return "(absent)";
    }
    String s = n.isValueNode() && !n.isNull() ? n.asText() : n.toString();
    return s.length() > MAX_VALUE ? s.substring(0, MAX_VALUE - 3) + "..." : s;
  }

  private static String canonical(JsonNode n) {
    StringBuilder sb = new StringBuilder();
    canonical(n, sb);
    return sb.toString();
  }

  private static void canonical(JsonNode n, StringBuilder sb) {
    if (n == null || n.isMissingNode()) {
      sb.append("~absent");
    } else if (n.isObject()) {
      TreeSet<String> keys = new TreeSet<>();
      n.fieldNames().forEachRemaining(keys::add);
      sb.append('{');
      for (String k : keys) {
        sb.append(com.fasterxml.jackson.databind.node.TextNode.valueOf(k)).append(':');
        canonical(n.get(k), sb);
        sb.append(',');
      }
      sb.append('}');
    } else if (n.isArray()) {
      sb.append('[');
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        canonical(it.next(), sb);
        sb.append(',');
      }
      sb.append(']');
    } else if (n.isNumber() && !n.isIntegralNumber() && !Double.isFinite(n.doubleValue())) {
      sb.append('#').append(n.asText());
    } else if (n.isNumber()) {
      BigDecimal d = n.isIntegralNumber() ? new BigDecimal(n.bigIntegerValue()) : n.decimalValue();
      sb.append('#').append(d.stripTrailingZeros().toString());
    } else {
      sb.append(n.toString());
    }
  }
}
