package dev.sa.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What Jackson's YAML reader lets pass silently, found in the token stream of a config file:
 *
 * <ul>
 *   <li><b>Duplicate keys</b>: the last one would win without a word; both lines are named.
 *   <li><b>Aliases</b> ({@code *name}, and so merge keys {@code <<: *name}): refused. Jackson does
 *       not resolve them (it hands over the alias's name as text: {@code lr: *lr} became "expected
 *       a number, got 'lr'", and a text key silently became the string). Resolving them ourselves
 *       would mean a second tree builder with its own expansion limits against "billion laughs"
 *       documents, next to the parser's, for a feature configs do not need: variants and sweeps
 *       already share settings between rows. So the parser and its limits stay as they are, and an
 *       alias is one clear error with its line. (An anchor without an alias changes nothing.)
 *   <li><b>Tags</b> ({@code !name}, {@code !!java.net.URL}): Jackson drops them; refused.
 *   <li><b>A second document</b> after {@code ---}: Jackson reads only the first; refused.
 * </ul>
 */
final class YamlChecks {
  private YamlChecks() {}

  /**
   * The problems of {@code text} (already known to be valid YAML), one {@code file:line: ...} line
   * each, in file order.
   */
  static List<String> problems(String text, String file) throws IOException {
    List<String> out = new ArrayList<>();
    Deque<Map<String, Integer>> keys = new ArrayDeque<>();
    int documents = 0;
    int depth = 0;
    try (JsonParser p = ConfigLoader.YAML.getFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        int line = p.currentTokenLocation().getLineNr();
        boolean end = t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY;
        if (end) {
          depth--;
        }
        if (t == JsonToken.START_OBJECT) {
          keys.push(new HashMap<>());
        } else if (t == JsonToken.END_OBJECT) {
          keys.pop();
        } else if (t == JsonToken.FIELD_NAME) {
          String name = p.currentName();
          String dotted = dotted(p);
          Integer first = keys.peek().putIfAbsent(name, line);
          if (first != null) {
            out.add(file + ":" + line + ": duplicate key '" + dotted + "' (first at line " + first
                + "); YAML would keep only the last, so remove one of them");
          }
        } else if (p instanceof YAMLParser y && y.isCurrentAlias()) {
          out.add(file + ":" + line + ": YAML alias '*" + p.getText() + "'" + where(p)
              + " is not supported (sa would read the alias's name, not its value); write the value out");
        } else if (p instanceof YAMLParser y && y.getTypeId() != null) {
          out.add(file + ":" + line + ": YAML tag '" + y.getTypeId() + "'" + where(p)
              + " is not supported (sa would drop it silently); write a plain value");
        }
        if (!end && depth == 0 && ++documents == 2) {
          out.add(file + ":" + line + ": a second YAML document (after '---'); a config is one document, so"
              + " merge its keys into the first or remove it");
        }
        if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
          depth++;
        }
      }
    }
    return out;
  }

  private static String where(JsonParser p) {
    String d = dotted(p);
    return d.isEmpty() ? "" : " at " + d;
  }

  /** The dotted path of the current token, list indices in brackets: {@code variants[0].name}. */
  private static String dotted(JsonParser p) {
    List<String> parts = new ArrayList<>();
    for (JsonStreamContext c = p.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inObject()) {
        parts.add(0, c.getCurrentName() == null ? "" : c.getCurrentName());
      } else if (c.inArray()) {
        parts.add(0, "[" + Math.max(0, c.getCurrentIndex()) + "]");
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String part : parts) {
      if (sb.length() > 0 && !part.startsWith("[")) {
        sb.append('.');
      }
      sb.append(part);
    }
    return sb.toString();
  }
}
