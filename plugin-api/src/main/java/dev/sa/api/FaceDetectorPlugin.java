package dev.sa.api;

import org.pf4j.ExtensionPoint;

/**
 * Extension point for face detectors: OpenCV's cascades (plugin {@code detector-opencv}), or a third
 * party's. {@code sa predict} asks one for every face of an image that has no box given.
 */
public interface FaceDetectorPlugin extends ExtensionPoint, Described {
  /** A detector with the given options; the host closes it when done. */
  FaceDetector create(DetectorSpec spec);
}
