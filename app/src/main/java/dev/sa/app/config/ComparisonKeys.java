package dev.sa.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The keys that shape a comparison across runs, checked at load: {@code seeds} (distinct integers)
 * and {@code report.control} (the name of one of the config's variants).
 */
public final class ComparisonKeys {
  /** The control used when {@code report.control} is empty and the config has this variant. */
  public static final String DEFAULT_CONTROL = "HGs (long)";

  private ComparisonKeys() {}

  /** One message per problem, each starting with its dotted path. */
  public static List<String> check(ObjectNode tree) {
    List<String> errors = new ArrayList<>();
    JsonNode seeds = tree.get("seeds");
    if (seeds != null && seeds.isArray()) {
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < seeds.size(); i++) {
        JsonNode s = seeds.get(i);
        if (!s.isIntegralNumber() || !s.canConvertToLong()) {
          errors.add("seeds[" + i + "]: '" + s.asText() + "' is not an integer; seeds is a list of distinct integers, e.g. [42, 7, 123]");
        } else if (!seen.add(s.asLong())) {
          errors.add("seeds[" + i + "]: " + s.asLong() + " is listed twice; seeds is a list of distinct integers");
        }
      }
    }
    String control = tree.at("/report/control").asText("");
    if (!control.isEmpty()) {
      List<String> names = new ArrayList<>();
      for (ConfigLoader.NamedSet v : ConfigLoader.variantSets(tree)) {
        names.add(v.name());
      }
      if (!names.contains(control)) {
        errors.add("report.control: '" + control + "' is not a variant of this config" + Suggest.hint(control, names)
            + "; valid: " + (names.isEmpty() ? "none (the config has no variants)" : "'" + String.join("', '", names) + "'"));
      }
    }
    return errors;
  }
}
