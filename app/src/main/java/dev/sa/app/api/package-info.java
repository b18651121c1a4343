/**
 * Landmarks of a trained {@code sa} run for other Java programs.
 *
 * <ul>
 *   <li>{@link dev.sa.app.api.Landmarker}: load a run's variant, find faces, predict landmarks with
 *       scores (the same crops, network, decoding and refiner as {@code sa predict}); thread-safe,
 *       closeable.
 *   <li>{@link dev.sa.app.api.LandmarkTranslatorFactory} and {@link dev.sa.app.api.ModelFolders}: a
 *       trained variant folder as a DJL {@code ZooModel<Image, Landmarks>} through {@code Criteria}.
 * </ul>
 *
 * <p>Box convention (as {@code sa predict}): a face box is tight around the face, as a face detector
 * frames it or as the box around its landmarks; it is enlarged by the training data set's box scale
 * and cropped as training cropped.
 */
package dev.sa.app.api;
