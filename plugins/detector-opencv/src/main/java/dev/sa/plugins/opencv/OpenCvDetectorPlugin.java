package dev.sa.plugins.opencv;

import dev.sa.api.DetectorSpec;
import dev.sa.api.FaceDetector;
import dev.sa.api.FaceDetectorPlugin;
import dev.sa.api.SaException;
import org.bytedeco.opencv.global.opencv_core;
import org.pf4j.Extension;

/** The {@code opencv} face detector: OpenCV's Haar or LBP cascades (Viola-Jones), shipped in the jar. */
@Extension
public final class OpenCvDetectorPlugin implements FaceDetectorPlugin {
  /** Id used in configs ({@code predict.detector.plugin: opencv}). */
  public static final String ID = "opencv";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public String description() {
    return "Faces by OpenCV 4.10's Haar/LBP cascades (Viola-Jones), offline; score = merged neighbour windows";
  }

  @Override
  public Class<? extends Record> optionsType() {
    return OpenCvOptions.class;
  }

  @Override
  public FaceDetector create(DetectorSpec spec) {
    Record options = spec == null ? null : spec.options();
    if (spec != null && spec.threads() > 0) {
      // OpenCV's thread pool is one per process; detectMultiScale splits the pyramid over it
      opencv_core.setNumThreads(spec.threads());
    }
    if (options == null) {
      return new CascadeDetector(OpenCvOptions.defaults());
    }
    if (!(options instanceof OpenCvOptions o)) {
      throw SaException.pluginError("detector opencv: options of type " + options.getClass().getName()
          + " given; expected " + OpenCvOptions.class.getName());
    }
    return new CascadeDetector(o);
  }
}
