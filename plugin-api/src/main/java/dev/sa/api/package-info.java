/**
 * The contract between the {@code sa} host and its plugins: five PF4J extension points
 * ({@link dev.sa.api.DatasetPlugin}, {@link dev.sa.api.BackbonePlugin},
 * {@link dev.sa.api.RefinerPlugin}, {@link dev.sa.api.FaceDetectorPlugin},
 * {@link dev.sa.api.NormalizerPlugin}) and the values they exchange.
 * Coordinates are named by their space: {@code inImage} (image pixels), {@code inCrop} (input crop
 * pixels), {@code inHeatmap}.
 */
package dev.sa.api;
