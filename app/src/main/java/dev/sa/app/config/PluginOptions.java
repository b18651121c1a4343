package dev.sa.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sa.api.SaException;
import java.util.List;

/** Binds a plugin's {@code options:} tree to the plugin's own options record. */
public final class PluginOptions {
  private PluginOptions() {}

  /**
   * @param path dotted config path of the options block, e.g. {@code backbone.options}
   * @param source the config file, for messages
   */
  public static Record bind(JsonNode node, Class<? extends Record> type, String path, String source) {
    JsonNode tree = node == null || node.isNull() ? ConfigLoader.YAML.createObjectNode() : node;
    List<String> errors = TreeValidator.validate(tree, type, path);
    ConfigLoader.fail(source, errors);
    try {
      return ConfigLoader.YAML.treeToValue(tree, type);
    } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) {
      Throwable c = e.getCause() == null ? e : e.getCause();
      throw SaException.invalidInput(source + ": " + path + ": " + c.getMessage());
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw SaException.invalidInput(source + ": " + path + ": " + e.getMessage());
    }
  }

  /** The bound record as a tree with every default filled in, for resolved-config.yaml. */
  public static ObjectNode resolved(Record options) {
    return ConfigLoader.YAML.valueToTree(options);
  }
}
