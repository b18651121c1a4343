package dev.sa.reports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Assembles report.md (links the images beside it) and report.html (one self-contained file: inline
 * CSS, images as data URIs, no scripts, no network references) from tables and figures grouped in
 * sections: the summary (what ran, findings), the main sections open, the appendix collapsed in
 * HTML {@code <details>}.
 */
final class ReportPages {

    /** An image already written under the report folder (PNG chart, or the JPEG copy of a run's figure). */
    record PageFigure(String section, String caption, String relativePath, Path file) {
        PageFigure {
            Objects.requireNonNull(section, "section");
            Objects.requireNonNull(caption, "caption");
            Objects.requireNonNull(relativePath, "relativePath");
            Objects.requireNonNull(file, "file");
        }
    }

    /** The summary's words: one paragraph on what ran, and one sentence per finding. */
    record Summary(String whatRan, List<String> findings) {
        Summary {
            Objects.requireNonNull(whatRan, "whatRan");
            findings = List.copyOf(findings);
        }
    }

    static final String APPENDIX = "Appendix";

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif;margin:2em auto;\
            max-width:1100px;padding:0 1em;color:#222;line-height:1.45}
            h1{font-size:1.6em;border-bottom:2px solid #0072b2;padding-bottom:.2em}
            h2{font-size:1.3em;margin-top:2em;border-bottom:1px solid #ddd} h3{font-size:1.1em;margin-top:1.5em}
            nav ul{columns:3;list-style:none;padding:0} nav a{color:#0072b2;text-decoration:none}
            table{border-collapse:collapse;margin:1em 0 .3em;font-size:.92em}
            caption{caption-side:top;text-align:left;font-style:italic;color:#444;padding-bottom:.4em;max-width:1000px}
            th,td{border:1px solid #ccc;padding:.25em .6em} th{background:#f0f4f8} td.num,th.num{text-align:right;\
            font-variant-numeric:tabular-nums} tbody tr:nth-child(even){background:#fafafa}
            tr.quoted td{color:#666;font-style:italic;background:#fff8e6}
            figure{margin:1.2em 0} figure img{max-width:100%;border:1px solid #ddd}
            figcaption{font-size:.9em;color:#444;max-width:1000px} .meta{color:#666;font-size:.9em}
            ul.findings li{margin:.3em 0} details{margin-top:1em} details>summary{cursor:pointer;color:#0072b2}
            details.appendix>summary{font-size:1.3em;font-weight:bold;color:#222}
            """;

    private ReportPages() {}

    static String markdown(String title, String meta, Summary summary, List<ReportTable> tables, List<PageFigure> figures) {
        StringBuilder out = new StringBuilder("# ").append(title).append("\n\n").append(meta).append("\n\n");
        List<String> sections = sections(tables, figures);
        boolean appendix = false;
        for (String section : sections) {
            if (!appendix && !Sections.isMain(section)) {
                appendix = true;
                out.append("## ").append(APPENDIX).append("\n\n");
            }
            out.append(appendix ? "### " : "## ").append(section).append("\n\n");
            if (section.equals(Sections.SUMMARY)) {
                out.append(summary.whatRan()).append("\n\n");
                summary.findings().forEach(f -> out.append("- ").append(f).append('\n'));
                out.append(summary.findings().isEmpty() ? "" : "\n");
            }
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

    static String html(String title, String meta, Summary summary, List<ReportTable> tables, List<PageFigure> figures) {
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(TableText.escape(title)).append("</title>\n<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<h1>")
                .append(TableText.escape(title)).append("</h1>\n<p class=\"meta\">").append(TableText.escape(meta)).append("</p>\n");
        List<String> sections = sections(tables, figures);
        out.append("<nav><ul>\n");
        boolean anyAppendix = false;
        for (String section : sections) {
            if (Sections.isMain(section)) {
                out.append("<li><a href=\"#").append(Formats.slug(section)).append("\">").append(TableText.escape(section)).append("</a></li>\n");
            } else {
                anyAppendix = true;
            }
        }
        if (anyAppendix) {
            out.append("<li><a href=\"#appendix\">").append(APPENDIX).append("</a></li>\n");
        }
        out.append("</ul></nav>\n");
        boolean appendix = false;
        for (String section : sections) {
            if (!appendix && !Sections.isMain(section)) {
                appendix = true;
                out.append("<details class=\"appendix\" id=\"appendix\">\n<summary>").append(APPENDIX)
                        .append(": run settings, more tables and figures</summary>\n");
            }
            String heading = appendix ? "h3" : "h2";
            out.append("<section id=\"").append(Formats.slug(section)).append("\">\n<").append(heading).append('>')
                    .append(TableText.escape(section)).append("</").append(heading).append(">\n");
            if (section.equals(Sections.SUMMARY)) {
                out.append("<p>").append(TableText.escape(summary.whatRan())).append("</p>\n");
                if (!summary.findings().isEmpty()) {
                    out.append("<ul class=\"findings\">\n");
                    summary.findings().forEach(f -> out.append("<li>").append(TableText.escape(f)).append("</li>\n"));
                    out.append("</ul>\n");
                }
            }
            for (ReportTable t : tables) {
                if (t.section().equals(section)) {
                    out.append(t.csvOnly()
                            ? "<p><em>" + TableText.escape(t.caption()) + "</em> In tables/" + t.id() + ".csv beside this page.</p>\n"
                            : TableText.html(t.table(), t.caption()));
                }
            }
            for (PageFigure f : figures) {
                if (f.section().equals(section)) {
                    out.append("<figure><img alt=\"").append(TableText.escape(altText(f))).append("\" src=\"")
                            .append(dataUri(f.file())).append("\">\n<figcaption>")
                            .append(TableText.escape(f.caption())).append("</figcaption></figure>\n");
                }
            }
            out.append("</section>\n");
        }
        if (appendix) {
            out.append("</details>\n");
        }
        return out.append("</body>\n</html>\n").toString();
    }

    /** The image as a base64 data URI (PNG charts, JPEG copies of the run's figures). */
    static String dataUri(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String type = name.endsWith(".jpg") || name.endsWith(".jpeg") ? "image/jpeg" : "image/png";
        return "data:" + type + ";base64," + Base64.getEncoder().encodeToString(read(file));
    }

    /** Short alternative text: the file name without folder and extension. */
    private static String altText(PageFigure f) {
        String name = f.relativePath().substring(f.relativePath().lastIndexOf('/') + 1);
        return name.replaceFirst("(?i)\\.(png|jpe?g)$", "").replace('[', '(').replace(']', ')').replace('-', ' ');
    }

    /** Main sections in their order, then appendix sections in theirs, then unknown ones. */
    static List<String> sections(List<ReportTable> tables, List<PageFigure> figures) {
        Set<String> present = new LinkedHashSet<>();
        present.add(Sections.SUMMARY);
        tables.forEach(t -> present.add(t.section()));
        figures.forEach(f -> present.add(f.section()));
        List<String> out = new ArrayList<>();
        Sections.MAIN.stream().filter(present::contains).forEach(out::add);
        Sections.APPENDIX.stream().filter(present::contains).forEach(out::add);
        present.stream().filter(s -> !out.contains(s)).forEach(out::add);
        return out;
    }

    /** The bytes of a file; an I/O failure names the file. */
    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
