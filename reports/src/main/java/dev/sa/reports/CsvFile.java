package dev.sa.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A strict reader for the tidy CSV files a run writes: a header row naming the columns, then one
 * record per line. Every problem becomes an {@link IllegalArgumentException} whose message starts
 * with {@code file:line} and says what is valid, so the app can print it as one line (exit 2).
 * Fields may be quoted with {@code "} (doubled inside); extra columns are ignored, so a newer app
 * can add columns without breaking older reports.
 */
final class CsvFile {

    /** One data record: its 1-based line number in the file and its fields by column name. */
    record Row(Path file, int line, Map<String, String> fields) {
        Row {
            fields = Map.copyOf(fields);
        }

        /** Non-blank text of a required column. */
        String text(String column) {
            String value = fields.get(column);
            if (value == null || value.isBlank()) {
                throw error(file, line, "column '" + column + "' is empty; it needs a value");
            }
            return value.strip();
        }

        /** Text of an optional column, or "" when absent or blank. */
        String optionalText(String column) {
            String value = fields.get(column);
            return value == null ? "" : value.strip();
        }

        /** A decimal number; NaN is allowed (written for an undefined value, e.g. no faces). */
        double number(String column) {
            return parsed(column, Double::parseDouble, "is not a number; write a decimal such as 4.37 or NaN");
        }

        /** A whole number, e.g. an epoch. */
        int integer(String column) {
            return parsed(column, Integer::parseInt, "is not a whole number; write e.g. 12");
        }

        /** The column's text through {@code parser}; a value it rejects: an error naming file, line and {@code problem}. */
        private <T> T parsed(String column, Function<String, T> parser, String problem) {
            String value = text(column);
            try {
                return parser.apply(value);
            } catch (NumberFormatException e) {
                throw error(file, line, "column '" + column + "' = '" + value + "' " + problem);
            }
        }

        /** true/false (also yes/no, 1/0), case-insensitive. */
        boolean bool(String column) {
            String value = text(column).toLowerCase(Locale.ROOT);
            return switch (value) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw error(file, line, "column '" + column + "' = '" + value + "' is not a boolean; write true or false");
            };
        }
    }

    private CsvFile() {}

    /**
     * Reads {@code file}, checking that the header names every one of {@code required}.
     *
     * @throws IllegalArgumentException naming the file and line on any malformed content
     */
    static List<Row> read(Path file, List<String> required) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        String expected = String.join(",", required);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            throw error(file, 1, "missing header row; expected the columns " + expected);
        }
        String headerLine = lines.get(0).startsWith("\uFEFF") ? lines.get(0).substring(1) : lines.get(0);
        List<String> header = split(file, 1, headerLine).stream().map(String::strip).toList();
        for (String column : required) {
            if (!header.contains(column)) {
                throw error(file, 1, "header " + String.join(",", header) + " lacks column '" + column + "'; expected the columns " + expected);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String text = lines.get(i);
            if (text.isBlank()) {
                continue;
            }
            int line = i + 1;
            List<String> values = split(file, line, text);
            if (values.size() != header.size()) {
                throw error(file, line, "found " + values.size() + " fields but the header has " + header.size()
                        + " (" + String.join(",", header) + "); quote fields that contain commas");
            }
            Map<String, String> fields = new HashMap<>();
            for (int c = 0; c < header.size(); c++) {
                fields.put(header.get(c), values.get(c));
            }
            rows.add(new Row(file, line, fields));
        }
        return rows;
    }

    static IllegalArgumentException error(Path file, int line, String message) {
        return new IllegalArgumentException(file + ":" + line + ": " + message);
    }

    /** Splits one line on commas, honouring "quoted, fields" with "" as an escaped quote. */
    static List<String> split(Path file, int line, String text) {
        List<String> out = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    field.append(ch);
                }
            } else if (ch == '"' && field.toString().isBlank()) {
                field.setLength(0);
                quoted = true;
            } else if (ch == ',') {
                out.add(field.toString());
                field.setLength(0);
            } else {
                field.append(ch);
            }
        }
        if (quoted) {
            throw error(file, line, "unterminated quoted field; close every \" on the same line");
        }
        out.add(field.toString());
        return out;
    }
}
