package dev.sa.reports;

import java.util.List;

/**
 * The headings of a report, in page order (issue 18): the summary first, then the paper-style
 * tables, then the figures that matter; every other section goes to the appendix, collapsed by
 * default. A section name not listed here is an appendix section.
 */
final class Sections {

    static final String SUMMARY = "Summary";
    static final String ACCURACY = "Accuracy";
    static final String COMPARISON = "Comparison with the control";
    static final String AUC = "AUC and failure rate";
    static final String GROUPS = "Groups";
    static final String LABELS = "Labels";
    static final String SWEEPS = "Sweeps";
    static final String JUMPS = "Training jumps";
    static final String CED = "CED curves";
    static final String TRAINING = "Training curves";
    static final String LABEL_MOVEMENT = "Label movement";

    static final String RUNS = "Runs";
    static final String MORE_ACCURACY = "More accuracy tables";
    static final String SPEED = "Speed";
    static final String LANDMARKS = "Landmarks";
    static final String MORE_CED = "More CED curves";
    static final String MORE_TRAINING = "More training curves";
    static final String OTHER = "Other metrics";
    static final String RUN_FIGURES = "Figures from the run";

    /** Shown open, in this order. */
    static final List<String> MAIN = List.of(SUMMARY, ACCURACY, COMPARISON, AUC, GROUPS, LABELS, SWEEPS, JUMPS,
            CED, TRAINING, LABEL_MOVEMENT);
    /** Collapsed under "Appendix", in this order; unknown sections follow. */
    static final List<String> APPENDIX = List.of(RUNS, MORE_ACCURACY, SPEED, LANDMARKS, MORE_CED, MORE_TRAINING,
            RUN_FIGURES, OTHER);

    private Sections() {}

    static boolean isMain(String section) {
        return MAIN.contains(section);
    }
}
