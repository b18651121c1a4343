package dev.sa.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks a YAML tree against a record type before binding, collecting every problem with its
 * dotted path, so that all errors of a file are reported together (Jackson stops at the first).
 */
public final class TreeValidator {
  private final List<String> errors = new ArrayList<>();

  /** Validates {@code node} as {@code type} at {@code path}; returns the problems found. */
  public static List<String> validate(JsonNode node, Class<?> type, String path) {
    TreeValidator v = new TreeValidator();
    v.check(node, type, path);
    return v.errors;
  }

  private void check(JsonNode node, Type type, String path) {
    if (node == null || node.isNull()) {
      return;
    }
    Class<?> raw = raw(type);
    if (raw == JsonNode.class || raw == Object.class) {
      return;
    }
    if (raw.isRecord()) {
      checkRecord(node, raw, path);
    } else if (raw == List.class) {
      if (!node.isArray()) {
        errors.add(path + ": expected a list, got " + describe(node));
        return;
      }
      Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), element, path + "[" + i + "]");
      }
    } else if (raw == Map.class) {
      if (!node.isObject()) {
        errors.add(path + ": expected a mapping of keys to values, got " + describe(node));
      }
    } else if (raw == String.class) {
      if (!node.isValueNode() || node.isBinary()) {
        errors.add(path + ": expected text, got " + describe(node));
      }
    } else if (raw == boolean.class || raw == Boolean.class) {
      if (!node.isBoolean()) {
        errors.add(path + ": expected true or false, got " + describe(node));
      }
    } else if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
      if (!node.isIntegralNumber() && !(node.isNumber() && node.asDouble() == Math.rint(node.asDouble()))) {
        errors.add(path + ": expected a whole number, got " + describe(node));
      }
    } else if (raw == double.class || raw == Double.class || raw == float.class || raw == Float.class) {
      if (!node.isNumber()) {
        errors.add(path + ": expected a number, got " + describe(node));
      }
    } else if (ConfigChoice.class.isAssignableFrom(raw) || raw == Devices.class) {
      checkNamed(node, raw, path);
    }
  }

  /** A choice of {@link Choices} or {@link Devices}: one text (or YAML's false for off) that parses. */
  private void checkNamed(JsonNode node, Class<?> raw, String path) {
    if (!node.isValueNode() || node.isBinary()) {
      errors.add(path + ": expected text, got " + describe(node));
      return;
    }
    try {
      if (raw == Devices.class) {
        Devices.parse(node.asText());
      } else {
        ConfigChoice.parse(raw, node.asText());
      }
    } catch (IllegalArgumentException e) {
      errors.add(path + ": " + e.getMessage());
    }
  }

  private void checkRecord(JsonNode node, Class<?> type, String path) {
    if (!node.isObject()) {
      errors.add((path.isEmpty() ? "top level" : path) + ": expected a mapping of keys, got " + describe(node));
      return;
    }
    List<String> known = new ArrayList<>();
    for (RecordComponent c : type.getRecordComponents()) {
      known.add(c.getName());
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String child = path.isEmpty() ? f.getKey() : path + "." + f.getKey();
      int at = known.indexOf(f.getKey());
      if (at < 0) {
        errors.add(child + ": unknown key" + Suggest.hint(f.getKey(), known) + "; valid keys here: "
            + String.join(", ", known));
      } else {
        check(f.getValue(), type.getRecordComponents()[at].getGenericType(), child);
      }
    }
  }

  private static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    return Object.class;
  }

  private static String describe(JsonNode node) {
    if (node.isObject()) {
      return "a mapping";
    }
    if (node.isArray()) {
      return "a list";
    }
    return "'" + node.asText() + "'";
  }
}
