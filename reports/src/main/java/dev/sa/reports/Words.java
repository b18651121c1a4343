package dev.sa.reports;

import java.util.Locale;

/**
 * Reader-facing words for the keys the app writes (history.csv metrics, metrics.csv metrics,
 * run-info.csv keys), so that no internal key such as {@code val_nme_truth} reaches a page. One
 * place for every name; a key this class does not know is shown with its underscores as spaces.
 */
final class Words {

    private static final String TRUTH = "truth_";

    private Words() {}

    /** Title of a history.csv metric, e.g. "Validation NME vs the true landmarks". */
    static String history(String metric) {
        if (metric.startsWith("test_nme_")) {
            String rest = metric.substring("test_nme_".length());
            boolean truth = rest.startsWith(TRUTH);
            String subset = truth ? rest.substring(TRUTH.length()) : rest;
            return "Test NME, " + subset + " subset, vs " + (truth ? "the true landmarks" : "the annotation");
        }
        return switch (metric) {
            case "train_loss" -> "Training loss";
            case "val_nme" -> "Validation NME vs the annotation";
            case "val_nme_truth" -> "Validation NME vs the true landmarks";
            case "val_nme_median" -> "Median validation NME vs the annotation";
            case "val_failures" -> "Validation faces over 10% NME";
            case "lr" -> "Learning rate";
            case "epoch_seconds" -> "Wall-clock time per epoch";
            case "search_seconds" -> "Label search and update time per SA epoch";
            case "search_only_seconds" -> "Label search time per SA epoch";
            case "check_nme_eval" -> "NME of 16 check faces, evaluation mode";
            case "check_nme_batch" -> "NME of 16 check faces, batch statistics";
            case "label_move" -> "Label movement |y^ - o|";
            case "label_vs_human" -> "Distance of the labels from the annotation |y^ - human|";
            case "label_error_truth_weak" -> "Label error vs the truth, weak points";
            case "label_error_truth_strong" -> "Label error vs the truth, strong points";
            default -> plain(metric);
        };
    }

    /** Axis title with unit for a history metric. */
    static String historyUnit(String metric) {
        if (metric.contains("nme")) {
            return "NME (% of the normaliser)";
        }
        if (metric.endsWith("_seconds")) {
            return "seconds";
        }
        return switch (metric) {
            case "train_loss" -> "training loss (log scale)";
            case "val_failures" -> "faces (%)";
            case "lr" -> "learning rate (log scale)";
            default -> plain(metric);
        };
    }

    /** Name of a metrics.csv metric outside the pivot tables (whose titles come from Formats). */
    static String metric(String metric) {
        return switch (metric) {
            case "headroom_captured" -> "headroom captured (%), as the app computed it";
            case "label_error_human_weak" -> "label error of the annotation, weak points (%)";
            case "label_error_human_strong" -> "label error of the annotation, strong points (%)";
            case "label_error_searched_weak" -> "label error of the searched labels, weak points (%)";
            case "label_error_searched_strong" -> "label error of the searched labels, strong points (%)";
            case "label_bias_human_weak" -> "shared offset (bias) of the annotation, weak points (%)";
            case "label_bias_searched_weak" -> "shared offset (bias) of the searched labels, weak points (%)";
            case "ms_per_face" -> "time per face (ms)";
            default -> Formats.title(metric).equals(metric) ? plain(metric) : Formats.title(metric);
        };
    }

    /** A key with underscores as spaces ("train_faces" -> "train faces"). */
    static String plain(String key) {
        return key.replace('_', ' ').strip();
    }

    /** "the annotation" / "the true landmarks" for a target name. */
    static String target(String target) {
        return switch (target.toLowerCase(Locale.ROOT)) {
            case RunData.TARGET_ANNOTATION -> "the annotation";
            case RunData.TARGET_TRUTH -> "the true landmarks";
            default -> "target " + plain(target);
        };
    }
}
