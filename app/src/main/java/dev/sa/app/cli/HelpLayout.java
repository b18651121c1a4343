package dev.sa.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Help text that wraps at spaces only. Picocli's own wrapping uses Java's line break iterator,
 * which also breaks after '%', '.' or ',' inside a word ("f/% 06d.png", "predict. detector.plugin");
 * here each section is rendered unwrapped and then wrapped at spaces into picocli's own columns. A
 * word longer than its column stays whole.
 */
final class HelpLayout {
  private static final List<String> SECTIONS = List.of(UsageMessageSpec.SECTION_KEY_DESCRIPTION,
      UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, UsageMessageSpec.SECTION_KEY_OPTION_LIST);
  /** Width of the unwrapped rendering: wider than any line of help. */
  private static final int UNWRAPPED = 2000;

  private HelpLayout() {}

  /** Installs the wrapping renderers on {@code cl} and every subcommand. */
  static void install(CommandLine cl) {
    Map<String, IHelpSectionRenderer> sections = cl.getHelpSectionMap();
    for (String key : SECTIONS) {
      IHelpSectionRenderer picocli = sections.get(key);
      if (picocli != null) {
        boolean table = !key.equals(UsageMessageSpec.SECTION_KEY_DESCRIPTION);
        sections.put(key, help -> render(help, picocli, table));
      }
    }
    cl.setHelpSectionMap(sections);
    cl.getSubcommands().values().forEach(HelpLayout::install);
  }

  private static String render(Help help, IHelpSectionRenderer picocli, boolean table) {
    UsageMessageSpec usage = help.commandSpec().usageMessage();
    int width = usage.width();
    int column = table ? descriptionColumn(help) : -1;
    String text;
    usage.width(UNWRAPPED);
    try {
      text = picocli.render(help);
    } finally {
      usage.width(width);
    }
    StringBuilder out = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      int indent = column >= 0 ? column : leadingSpaces(line);
      wrap(out, line, Math.min(indent, line.length()), width);
    }
    return out.substring(0, out.length() - 1);
  }

  /** Where the description column of picocli's option and parameter tables starts. */
  private static int descriptionColumn(Help help) {
    Help.Column[] columns = help.createDefaultLayout().textTable().columns();
    int start = 0;
    for (int i = 0; i < columns.length - 1; i++) {
      start += columns[i].width;
    }
    return start + columns[columns.length - 1].indent;
  }

  /** Appends {@code line}, wrapped at spaces to {@code width}, continuation lines indented to {@code indent}. */
  static void wrap(StringBuilder out, String line, int indent, int width) {
    String stripped = line.stripTrailing();
    if (stripped.length() <= width || indent >= width) {
      out.append(stripped).append('\n');
      return;
    }
    String head = stripped.substring(0, indent);
    List<String> words = new ArrayList<>(List.of(stripped.substring(indent).strip().split(" +")));
    StringBuilder current = new StringBuilder(head);
    boolean empty = true;
    for (String word : words) {
      if (!empty && current.length() + 1 + word.length() > width) {
        out.append(current).append('\n');
        current = new StringBuilder(" ".repeat(indent));
        empty = true;
      }
      current.append(empty ? "" : " ").append(word);
      empty = false;
    }
    out.append(current).append('\n');
  }

  private static int leadingSpaces(String line) {
    int i = 0;
    while (i < line.length() && line.charAt(i) == ' ') {
      i++;
    }
    return i;
  }
}
