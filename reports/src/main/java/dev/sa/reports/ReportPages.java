package dev.sa.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Assembles report.md (links PNGs beside it) and report.html (one self-contained file: inline CSS,
 * PNGs as base64 data URIs, no network references) from tables and figures grouped in sections.
 */
final class ReportPages {

    /** Section order of both pages; unknown sections follow in order of appearance. */
    static final List<String> SECTIONS = List.of("Runs", "Accuracy", "Groups", "CED curves", "AUC and failure rate", "Speed",
            "Training curves", "Label movement", "Labels", "Landmarks", "Sweeps", "Other metrics", "Figures from the run");

    /** A PNG already written under the report folder. */
    record PageFigure(String section, String caption, String relativePath, Path file) {
        PageFigure {
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(relativePath, "relativePath");
            Objects.requireNonNull(file, "file");
        }
    }

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:2em auto;\
            max-width:1100px;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;border-bottom:2px solid #0072b2;padding-bottom:.2em}
            h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid #ddd}
            nav ul{columns:3;list-style:none;padding:0} nav a{color:#0072b2;text-decoration:none}
            table{border-collapse:collapse;margin:1em 0 .3em;font-size:.92em}
            caption{caption-side:top;text-align:left;font-style:italic;color:#444;padding-bottom:.4em;max-width:1000px}
            th,td{border:1px solid #ccc;padding:.25em .6em} th{background:#f0f4f8} td.num,th.num{text-align:right;\
            font-variant-numeric:tabular-nums} tbody tr:nth-child(even){background:#fafafa}
            tr.quoted td{color:#666;font-style:italic;background:#fff8e6}
            figure{margin:1.2em 0} figure img{max-width:100%;border:1px solid #ddd}
            figcaption{font-size:.9em;color:#444;max-width:1000px} .meta{color:#666;font-size:.9em}
            """;

    private ReportPages() {}

    static String markdown(String title, String meta, List<ReportTable> tables, List<PageFigure> figures) {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n").append(meta).append("\n\n");
        for (String section : sections(tables, figures)) {
            out.append("## ").append(section).append("\n\n");
            for (ReportTable t : tables) {
                if (t.section().equals(section)) {
                    out.append(t.csvOnly()
                            ? "_" + t.caption() + "_ See [tables/" + t.id() + ".csv](tables/" + t.id() + ".csv).\n\n"
                            : t.markdown() + "\n");
                }
            }
            for (PageFigure f : figures) {
                if (f.section().equals(section)) {
                    out.append("![").append(altText(f))
                            .append("](").append(f.relativePath().replace(" ", "%20")).append(")\n\n_")
                            .append(f.caption()).append("_\n\n");
                }
            }
        }
        return out.toString();
    }

    static String html(String title, String meta, List<ReportTable> tables, List<PageFigure> figures) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(TableText.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>")
                .append(TableText.escape(title)).append("</h1>\n<p class=\"meta\">").append(TableText.escape(meta)).append("</p>\n");
        List<String> sections = sections(tables, figures);
        out.append("<nav><ul>\n");
        for (String section : sections) {
            out.append("<li><a href=\"#").append(Formats.slug(section)).append("\">").append(TableText.escape(section)).append("</a></li>\n");
        }
        out.append("</ul></nav>\n");
        for (String section : sections) {
            out.append("<section id=\"").append(Formats.slug(section)).append("\">\n<h2>").append(TableText.escape(section)).append("</h2>\n");
            for (ReportTable t : tables) {
                if (t.section().equals(section)) {
                    out.append(t.csvOnly()
                            ? "<p><em>" + TableText.escape(t.caption()) + "</em> In tables/" + t.id() + ".csv beside this page.</p>\n"
                            : TableText.html(t.table(), t.caption()));
                }
            }
            for (PageFigure f : figures) {
                if (f.section().equals(section)) {
                    out.append("<figure><img alt=\"").append(TableText.escape(altText(f))).append("\" src=\"data:image/png;base64,")
                            .append(Base64.getEncoder().encodeToString(read(f.file()))).append("\">\n<figcaption>")
                            .append(TableText.escape(f.caption())).append("</figcaption></figure>\n");
                }
            }
            out.append("</section>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    /** Short alternative text: the file name without folder and extension. */
    private static String altText(PageFigure f) {
        String name = f.relativePath().substring(f.relativePath().lastIndexOf('/') + 1);
        return name.replaceFirst("(?i)\\.png$", "").replace('[', '(').replace(']', ')');
    }

    private static List<String> sections(List<ReportTable> tables, List<PageFigure> figures) {
        Set<String> present = new LinkedHashSet<>();
        tables.forEach(t -> present.add(t.section()));
        figures.forEach(f -> present.add(f.section()));
        List<String> out = new ArrayList<>();
        SECTIONS.stream().filter(present::contains).forEach(out::add);
        present.stream().filter(s -> !SECTIONS.contains(s)).forEach(out::add);
        return out;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
