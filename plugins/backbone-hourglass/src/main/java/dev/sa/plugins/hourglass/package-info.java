/**
 * The {@code hourglass} backbone plugin: a stacked hourglass network (Newell et al. 2016) with
 * intermediate supervision, the heatmap regressor of the Semantic Alignment paper (Section 5).
 */
package dev.sa.plugins.hourglass;
