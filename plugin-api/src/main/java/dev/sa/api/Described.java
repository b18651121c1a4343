package dev.sa.api;

/** What every plugin says about itself, so that {@code sa plugins} can list it. */
public interface Described {
  /** Short unique id used in configs, e.g. {@code synthetic}, {@code hourglass}, {@code ghcu}. */
  String id();

  /** One line for {@code sa plugins}. */
  String description();

  /**
   * The record type that the plugin's {@code options:} block in YAML binds to. The host reports
   * unknown keys and wrong types with their dotted config path. Missing keys arrive as
   * {@code null} (boxed components), so the record's compact constructor supplies defaults.
   */
  default Class<? extends Record> optionsType() {
    return NoOptions.class;
  }

  /** Options type of a plugin that takes none. */
  record NoOptions() {}
}
