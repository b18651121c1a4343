package dev.sa.reports;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import javax.imageio.ImageIO;

/** Writes small run directories in the exact file formats the app writes. */
final class Fixtures {

    static final List<String> VARIANTS = List.of("HGs", "HGs+SA w/o update", "HGs+SA", "HGs+SA+GHCU");
    static final List<String> SUBSETS = List.of("full", "common", "challenge");

    private Fixtures() {}

    static void write(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
    }

    /** A complete synthetic run: every file the report reads, with values shaped like the paper's. */
    static Path fullRun(Path parent, String name, long seed) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = parent.resolve(name);
        Random random = new Random(seed);
        StringBuilder metrics = new StringBuilder("variant,subset,target,metric,value\n");
        StringBuilder errors = new StringBuilder("variant,subset,target,face,nme\n");
        StringBuilder landmarks = new StringBuilder("variant,subset,target,landmark,weak,nme\n");
        for (int v = 0; v < VARIANTS.size(); v++) {
            String variant = VARIANTS.get(v);
            for (String target : List.of("annotation", "truth")) {
                for (String subset : SUBSETS) {
                    double scale = (subset.equals("challenge") ? 0.07 : 0.04) * (1 - 0.05 * v);
                    double[] e = new double[30];
                    for (int f = 0; f < e.length; f++) {
                        e[f] = Math.abs(scale + 0.3 * scale * random.nextGaussian());
                        errors.append(String.format(Locale.ROOT, "%s,%s,%s,face%03d,%.5f%n", variant, subset, target, f, e[f]));
                    }
                    double nme = 100 * java.util.Arrays.stream(e).average().orElseThrow();
                    metrics.append(String.format(Locale.ROOT, "%s,%s,%s,nme,%.17g%n", variant, subset, target, nme));
                    metrics.append(String.format(Locale.ROOT, "%s,%s,%s,auc@0.08,%.17g%n", variant, subset, target, Curves.auc(e, 0.08)));
                    metrics.append(String.format(Locale.ROOT, "%s,%s,%s,fr@0.08,%.17g%n", variant, subset, target, Curves.failureRate(e, 0.08)));
                    metrics.append(String.format(Locale.ROOT, "%s,%s,%s,fr@0.10,%.17g%n", variant, subset, target, Curves.failureRate(e, 0.10)));
                    if (subset.equals("full")) {
                        for (int l = 0; l < 68; l++) {
                            boolean weak = l < 17 || (l >= 27 && l < 31);
                            landmarks.append(String.format(Locale.ROOT, "%s,%s,%s,%d,%s,%.4f%n", variant, subset, target, l, weak,
                                    nme * (weak ? 1.3 - 0.05 * v : 0.8) + 0.2 * random.nextDouble()));
                        }
                    }
                }
            }
            metrics.append(variant).append(",full,annotation,ms_per_face,").append(12.5 + v).append('\n');
        }
        metrics.append("HGs+SA,train,truth,label_error_human_weak,5.55\n")
                .append("HGs+SA,train,truth,label_error_human_strong,3.10\n")
                .append("HGs+SA,train,truth,label_error_searched_weak,2.77\n")
                .append("HGs+SA,train,truth,label_error_searched_strong,2.90\n")
                .append("HGs+SA,full,annotation,nme_inter-ocular,").append(0.1 + 0.2).append('\n');
        for (String lambda : List.of("0.5", "0", "0.1", "0.01")) {
            metrics.append("lambda=").append(lambda).append(",full,annotation,nme,").append(4 + Double.parseDouble(lambda)).append('\n');
        }
        write(dir.resolve("metrics.csv"), metrics.toString().strip());
        write(dir.resolve("errors.csv"), errors.toString().strip());
        write(dir.resolve("landmark-errors.csv"), landmarks.toString().strip());
        write(dir.resolve("run-info.csv"), "key,value", "dataset,synthetic", "normalizer,inter-pupil",
                "noise,independent", "config," + name + "-config", "created,2025-01-01T00:00:00Z");
        write(dir.resolve("reference.csv"), "variant,subset,target,metric,value,source",
                "LAB,common,annotation,nme,3.42,CVPR18", "LAB,challenge,annotation,nme,6.98,CVPR18",
                "LAB,full,annotation,nme,4.12,CVPR18", "HGs+SA,full,annotation,nme,4.37,paper Table 2");
        StringBuilder history = new StringBuilder("variant,phase,epoch,metric,value\n");
        for (String variant : List.of("HGs (long)", "HGs+SA w/o update", "HGs+SA")) {
            for (int epoch = 1; epoch <= 6; epoch++) {
                history.append(String.format(Locale.ROOT, "%s,baseline,%d,train_loss,%.5f%n", variant, epoch, 1.0 / epoch));
                history.append(String.format(Locale.ROOT, "%s,baseline,%d,test_nme_full,%.4f%n", variant, epoch, 5 + 2.0 / epoch));
                history.append(String.format(Locale.ROOT, "%s,baseline,%d,lr,%s%n", variant, epoch, "0.00025"));
            }
            boolean sa = variant.contains("SA");
            for (int epoch = 1; epoch <= 5; epoch++) {
                String phase = sa ? "sa" : "baseline";
                int e = sa ? epoch : epoch + 6;
                double gain = variant.equals("HGs+SA") ? 0.12 : sa ? 0.05 : 0.0;
                history.append(String.format(Locale.ROOT, "%s,%s,%d,train_loss,%.5f%n", variant, phase, e, 0.17 - gain * epoch / 5));
                history.append(String.format(Locale.ROOT, "%s,%s,%d,test_nme_full,%.4f%n", variant, phase, e, 5.3 - gain * epoch));
                history.append(String.format(Locale.ROOT, "%s,%s,%d,lr,%s%n", variant, phase, e, "0.0000025"));
                if (sa) {
                    history.append(String.format(Locale.ROOT, "%s,sa,%d,test_nme_common,%.4f%n", variant, epoch, 4.4 - gain * epoch));
                    history.append(String.format(Locale.ROOT, "%s,sa,%d,label_move,%.4f%n", variant, epoch, 2.0 / epoch));
                    history.append(String.format(Locale.ROOT, "%s,sa,%d,label_vs_human,%.4f%n", variant, epoch, 2.0 + 0.1 * epoch));
                    history.append(String.format(Locale.ROOT, "%s,sa,%d,label_error_truth_weak,%.4f%n", variant, epoch, 5.5 - 0.5 * epoch));
                    history.append(String.format(Locale.ROOT, "%s,sa,%d,label_error_truth_strong,%.4f%n", variant, epoch, 3.1 - 0.05 * epoch));
                }
            }
        }
        history.append("HGs+SA+GHCU,refiner,1,train_loss,0.9\nHGs+SA+GHCU,refiner,2,train_loss,0.5\n");
        write(dir.resolve("history.csv"), history.toString().strip());
        writePng(dir.resolve("figures").resolve("example-faces.png"), seed);
        return dir;
    }

    /**
     * An ambiguity-benchmark style run: variants {@code <group>: <role>} for 2 groups (independent,
     * annotators) x 3 roles (HGs, HGs+SA, oracle), with NME against annotation and truth,
     * headroom_captured and label errors as the app writes them, some values left out on purpose,
     * plus an ungrouped variant. Without {@code truth}, only annotation NME rows are written.
     */
    static Path groupedRun(Path parent, String name, boolean truth) throws IOException {
        Path dir = parent.resolve(name);
        List<String> lines = new java.util.ArrayList<>(List.of("variant,subset,target,metric,value",
                "independent: HGs,full,annotation,nme,5.10",
                "independent: HGs,common,annotation,nme,4.80",
                "independent: HGs+SA,full,annotation,nme,5.00",
                "independent: oracle,full,annotation,nme,4.90",
                "annotators: HGs,full,annotation,nme,6.30",
                "annotators: HGs+SA,full,annotation,nme,5.50",
                "HGs,full,annotation,nme,9.99"));
        if (truth) {
            lines.addAll(List.of(
                    "independent: HGs,full,truth,nme,4.20",
                    "independent: HGs,common,truth,nme,3.90",
                    "independent: HGs+SA,full,truth,nme,3.70",
                    "independent: oracle,full,truth,nme,3.40",
                    "independent: HGs+SA,full,truth,headroom_captured,62.5",
                    "independent: HGs+SA,common,truth,headroom_captured,50",
                    "independent: HGs,train,truth,label_error_human_weak,5.55",
                    "independent: HGs+SA,train,truth,label_error_human_weak,5.55",
                    "independent: HGs+SA,train,truth,label_error_human_strong,3.10",
                    "independent: HGs+SA,train,truth,label_error_searched_weak,2.77",
                    "independent: HGs+SA,train,truth,label_error_searched_strong,2.90",
                    "annotators: HGs,full,truth,nme,6.00",
                    "annotators: oracle,full,truth,nme,4.00",
                    "annotators: HGs+SA,train,truth,label_error_searched_weak,3.33",
                    "HGs,full,truth,nme,8.88"));
        }
        write(dir.resolve("metrics.csv"), lines.toArray(String[]::new));
        write(dir.resolve("run-info.csv"), "key,value", "normalizer,inter-pupil", "config," + name + "-config");
        return dir;
    }

    /** Seeds, per variant, of the seeded run: NME vs the truth on full (hand-checked in StatisticsTest). */
    static final List<String> SEEDS = List.of("42", "7", "123");

    /**
     * A three-seed run in the shape the app will write once metrics.csv has a seed column:
     * {@code HGs (long)} (the control, named by report.control), {@code HGs+SA}, {@code oracle} and
     * the mean-shape reference; history.csv with a seed column, internal metric names the app logs,
     * and a validation-NME jump of HGs+SA on seed 7 (10 -> 8 -> 13, epoch 3).
     */
    static Path seededRun(Path parent, String name, String control) throws IOException {
        Path dir = parent.resolve(name);
        double[][] nme = {{6.2, 6.9, 6.0}, {6.0, 6.5, 5.9}, {5.7, 6.59, 5.71}, {20.0, 21.0, 19.5}};
        List<String> variants = List.of("HGs (long)", "HGs+SA", "oracle", "mean-shape");
        StringBuilder metrics = new StringBuilder("variant,subset,target,metric,value,seed\n");
        StringBuilder errors = new StringBuilder("variant,subset,target,face,nme\n");
        Random random = new Random(5);
        for (int v = 0; v < variants.size(); v++) {
            for (int s = 0; s < SEEDS.size(); s++) {
                metrics.append(String.format(Locale.ROOT, "%s,full,truth,nme,%s,%s%n", variants.get(v), nme[v][s], SEEDS.get(s)));
                metrics.append(String.format(Locale.ROOT, "%s,full,annotation,nme,%s,%s%n", variants.get(v), nme[v][s] + 1, SEEDS.get(s)));
            }
            for (int f = 0; f < 40; f++) {
                errors.append(String.format(Locale.ROOT, "%s,full,truth,face%02d,%.5f%n", variants.get(v), f,
                        Math.abs(nme[v][0] / 100 * (1 + 0.4 * random.nextGaussian()))));
            }
        }
        metrics.append("HGs+SA,full,truth,headroom_captured,77.8,42\n");
        metrics.append("HGs+SA,train,truth,label_error_human_weak,5.0,42\n");
        metrics.append("HGs+SA,train,truth,label_error_searched_weak,4.5,42\n");
        write(dir.resolve("metrics.csv"), metrics.toString().strip());
        write(dir.resolve("errors.csv"), errors.toString().strip());
        write(dir.resolve("run-info.csv"), "key,value", "dataset,synthetic", "normalizer,inter-pupil", "noise,independent",
                "train_faces,540", "skipped_bad_samples,0", "input,\"64 px, heatmap 16\"");
        write(dir.resolve("resolved-config.yaml"), "name: seeded", "seed: 42",
                control == null ? "report: {}" : "report:\n  control: '" + control + "'");
        StringBuilder history = new StringBuilder("variant,phase,epoch,metric,value,seed\n");
        for (String variant : variants.subList(0, 3)) {
            for (String seed : SEEDS) {
                for (int epoch = 1; epoch <= 3; epoch++) {
                    boolean jump = variant.equals("HGs+SA") && seed.equals("7");
                    double val = jump ? new double[] {10, 8, 13}[epoch - 1] : 10 - epoch;
                    history.append(String.format(Locale.ROOT, "%s,baseline,%d,val_nme,%s,%s%n", variant, epoch, val, seed));
                    for (String metric : List.of("train_loss", "val_nme_truth", "search_only_seconds", "epoch_seconds",
                            "check_nme_eval", "test_nme_truth_full")) {
                        history.append(String.format(Locale.ROOT, "%s,baseline,%d,%s,%s,%s%n", variant, epoch, metric,
                                1.0 / epoch, seed));
                    }
                }
            }
        }
        write(dir.resolve("history.csv"), history.toString().strip());
        return dir;
    }

    /**
     * A run at the quick-start's scale and with its file shapes: 5 variants and the mean shape, 3 test
     * subsets plus val, both targets, 210 faces on full, 68 landmarks, 14 + 5 epochs of history with
     * every metric the app logs, and 12 app figures of the app's sizes (680 x 680 faces, 848 x 893
     * heatmaps and label trails) with smooth photo-like content.
     */
    static Path quickStartRun(Path parent) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Path dir = parent.resolve("quickstart");
        List<String> variants = List.of("mean-shape", "HGs", "HGs (long)", "HGs+SA", "HGs+SA w/o update", "oracle");
        Map<String, Integer> faces = Map.of("common", 150, "challenge", 60, "full", 210, "val", 60);
        Random random = new Random(42);
        StringBuilder metrics = new StringBuilder("variant,subset,target,metric,value\n");
        StringBuilder errors = new StringBuilder("variant,subset,target,face,nme\n");
        StringBuilder landmarks = new StringBuilder("variant,subset,target,landmark,weak,nme\n");
        for (int v = 0; v < variants.size(); v++) {
            double scale = v == 0 ? 0.22 : 0.07 - 0.002 * v;
            for (String target : List.of("annotation", "truth")) {
                for (Map.Entry<String, Integer> subset : faces.entrySet()) {
                    double[] e = new double[subset.getValue()];
                    for (int f = 0; f < e.length; f++) {
                        e[f] = Math.abs(scale * (1 + 0.6 * random.nextGaussian()));
                        errors.append(String.format(Locale.ROOT, "%s,%s,%s,%06d,%.6f%n", variants.get(v), subset.getKey(), target, f, e[f]));
                    }
                    double nme = 100 * java.util.Arrays.stream(e).average().orElseThrow();
                    for (String m : List.of("nme", "nme_inter-ocular", "auc@0.08", "fr@0.08", "fr@0.10")) {
                        double value = m.startsWith("auc") ? Curves.auc(e, 0.08) : m.startsWith("fr") ? Curves.failureRate(e, 0.08) : nme;
                        metrics.append(String.format(Locale.ROOT, "%s,%s,%s,%s,%.6f%n", variants.get(v), subset.getKey(), target, m, value));
                    }
                    for (int l = 0; l < 68; l++) {
                        landmarks.append(String.format(Locale.ROOT, "%s,%s,%s,point_%d,%s,%.4f%n", variants.get(v), subset.getKey(),
                                target, l, l < 17, nme * (0.8 + 0.4 * random.nextDouble())));
                    }
                }
            }
            if (v > 0) {
                metrics.append(variants.get(v)).append(",train,truth,label_error_human_weak,4.97\n");
                metrics.append(variants.get(v)).append(",train,truth,label_error_searched_weak,").append(4.97 - 0.1 * v).append('\n');
                metrics.append(variants.get(v)).append(",full,truth,headroom_captured,").append(10 * v).append('\n');
            }
        }
        StringBuilder history = new StringBuilder("variant,phase,epoch,metric,value\n");
        List<String> logged = List.of("train_loss", "lr", "val_nme", "val_nme_truth", "test_nme_full", "test_nme_truth_full",
                "epoch_seconds", "check_nme_eval", "check_nme_batch");
        for (String variant : variants.subList(1, variants.size())) {
            for (int epoch = 1; epoch <= 14; epoch++) {
                for (String m : logged) {
                    history.append(String.format(Locale.ROOT, "%s,baseline,%d,%s,%.6f%n", variant, epoch, m, 0.2 / epoch + 0.01 * m.length()));
                }
            }
            if (variant.equals("HGs")) {
                continue;
            }
            String phase = variant.contains("SA") ? "sa" : "continue";
            for (int epoch = 1; epoch <= 5; epoch++) {
                for (String m : logged) {
                    history.append(String.format(Locale.ROOT, "%s,%s,%d,%s,%.6f%n", variant, phase, epoch, m, 0.01 + 0.001 * variant.length() / epoch));
                }
                if (phase.equals("sa")) {
                    for (String m : List.of("label_move", "label_vs_human", "label_error_truth_weak", "label_error_truth_strong",
                            "search_seconds", "search_only_seconds")) {
                        history.append(String.format(Locale.ROOT, "%s,sa,%d,%s,%.6f%n", variant, epoch, m, 1.0 + epoch));
                    }
                }
            }
        }
        write(dir.resolve("metrics.csv"), metrics.toString().strip());
        write(dir.resolve("errors.csv"), errors.toString().strip());
        write(dir.resolve("landmark-errors.csv"), landmarks.toString().strip());
        write(dir.resolve("history.csv"), history.toString().strip());
        write(dir.resolve("run-info.csv"), "key,value", "config,quickstart", "dataset,synthetic", "normalizer,inter-pupil",
                "backbone,hourglass", "input,\"64 px, heatmap 16\"", "train_faces,540", "val_faces,60", "skipped_bad_samples,0",
                "seed,42", "noise,independent");
        for (String variant : variants.subList(1, variants.size())) {
            String slug = Formats.slug(variant);
            writePhoto(dir.resolve("figures").resolve(slug + "-faces.png"), 680, 679, slug.hashCode());
            writePhoto(dir.resolve("figures").resolve(slug + "-heatmaps.png"), 848, 893, slug.hashCode() + 1);
            if (variant.contains("SA")) {
                writePhoto(dir.resolve("figures").resolve(slug + "-label-trail.png"), 848, 873, slug.hashCode() + 2);
            }
        }
        return dir;
    }

    /** A PNG with smooth gradients, shapes and text, like the app's face grids. */
    static void writePhoto(Path file, int width, int height, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        for (int tile = 0; tile < 16; tile++) {
            int x = (tile % 4) * width / 4;
            int y = (tile / 4) * height / 4;
            g.setPaint(new java.awt.GradientPaint(x, y, new Color(random.nextInt(0xffffff)), x + width / 4f, y + height / 4f,
                    new Color(random.nextInt(0xffffff))));
            g.fillRect(x + 4, y + 4, width / 4 - 8, height / 4 - 24);
            g.setColor(new Color(230, 200, 170));
            g.fillOval(x + 30, y + 20, width / 8, height / 8);
            g.setColor(Color.BLACK);
            g.drawString("jaw_" + tile + ": moved 0.1" + tile + " px", x + 8, y + height / 4 - 8);
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    static void writePng(Path file, long seed) throws IOException {
        Files.createDirectories(file.getParent());
        BufferedImage image = new BufferedImage(64, 48, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color((int) (seed * 40 % 255), 120, 200));
        g.fillRect(0, 0, 64, 48);
        g.setColor(Color.WHITE);
        g.fillOval(16, 8, 32, 32);
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
