package dev.sa.app.config;

import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.TypeFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A config value that is one of a fixed set of names: an enum implementing this, whose YAML name is
 * its constant's name in lower case. The config is checked against the names when it is loaded
 * ({@link TreeValidator}), with a did-you-mean hint, so that a run never meets an unknown name
 * later. Names are matched without regard to case and surrounding spaces.
 */
public interface ConfigChoice {
  /** The name written in YAML, e.g. {@code mxnet}. */
  @JsonValue
  default String configName() {
    return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code text} (trimmed, lower case) names this value; an enum may accept aliases too. */
  default boolean accepts(String text) {
    return configName().equals(text);
  }

  /** The names of {@code type}'s values, in declaration order. */
  static List<String> names(Class<?> type) {
    List<String> out = new ArrayList<>();
    for (Object c : type.getEnumConstants()) {
      out.add(((ConfigChoice) c).configName());
    }
    return out;
  }

  /**
   * The value of {@code type} (an enum implementing this) that {@code text} names.
   *
   * @throws IllegalArgumentException {@code 'x' is not one of [a, b]}, with a did-you-mean hint
   */
  static <E> E parse(Class<E> type, String text) {
    String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    for (E c : type.getEnumConstants()) {
      if (((ConfigChoice) c).accepts(t)) {
        return c;
      }
    }
    List<String> names = names(type);
    throw new IllegalArgumentException("'" + text + "' is not one of " + names + Suggest.hint(t, names));
  }

  /** Jackson binds every {@code ConfigChoice} enum by {@link #parse} (YAML's {@code off}, read as false, included). */
  static Module jacksonModule() {
    SimpleModule m = new SimpleModule("sa-config-choices");
    m.setDeserializerModifier(new BeanDeserializerModifier() {
      @Override
      public JsonDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
          BeanDescription description, JsonDeserializer<?> deserializer) {
        Class<?> raw = type.getRawClass();
        return ConfigChoice.class.isAssignableFrom(raw) ? new ByName(raw) : deserializer;
      }
    });
    return m;
  }

  /** The deserializer of {@link #jacksonModule()}. */
  final class ByName extends StdScalarDeserializer<Object> {
    private final Class<?> type;

    ByName(Class<?> type) {
      super(TypeFactory.defaultInstance().constructType(type));
      this.type = type;
    }

    @Override
    public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String text = p.getValueAsString();
      try {
        return parse(type, text);
      } catch (IllegalArgumentException e) {
        throw ctxt.weirdStringException(text, type, e.getMessage());
      }
    }
  }
}
