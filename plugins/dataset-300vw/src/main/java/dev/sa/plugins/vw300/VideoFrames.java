package dev.sa.plugins.vw300;

import dev.sa.api.ImageSource;
import dev.sa.support.ImageFiles;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import org.bytedeco.ffmpeg.global.avcodec;
import org.bytedeco.ffmpeg.global.avformat;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.ffmpeg.global.swresample;
import org.bytedeco.ffmpeg.global.swscale;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacv.FFmpegFrameGrabber;
import org.bytedeco.javacv.Frame;
import org.bytedeco.javacv.Java2DFrameConverter;

/**
 * Decodes single frames of {@code vid.avi} with FFmpeg (JavaCV). Opening a video and seeking
 * costs far more than decoding one frame, so a few idle decoders are kept open and reused when a
 * request lies a little ahead of where one stands (evaluation reads frames in order). Threads
 * never share a decoder: each request takes one out of the pool and gives it back.
 *
 * <p>Frame numbers are 0-based decode order: annotation {@code 000001.pts} is frame 0.
 */
final class VideoFrames {
  /** Idle decoders kept open; each holds codec state of a few MB. */
  private static final int MAX_IDLE = 4;
  /** Decoding forward beats seeking for gaps up to about a GOP. */
  private static final int MAX_FORWARD = 30;

  private final Deque<Decoder> idle = new ArrayDeque<>();

  private static final class Decoder {
    final Path video;
    final FFmpegFrameGrabber grabber;
    /** The frame the next grabImage() returns. */
    int next;

    Decoder(Path video) throws IOException {
      this.video = video;
      this.grabber = new FFmpegFrameGrabber(video.toFile());
      grabber.start();
    }

    void close() {
      try {
        grabber.close();
      } catch (Exception e) {
        // Releasing native state of a decoder we no longer use; nothing to recover.
      }
    }
  }

  /** Null once the natives are loaded, else why they cannot be. */
  private static volatile String nativeFailure = "not loaded yet";

  /**
   * Loads the FFmpeg libraries that decoding a file needs, or says why they cannot be loaded.
   * {@code FFmpegFrameGrabber.tryLoad()} would also demand libavdevice, whose bundled build links
   * the system's libpulse and fails where PulseAudio is not installed (servers, CI); reading a
   * file never touches a device, so the grabber is used without it.
   */
  static void checkNatives() throws IOException {
    if (nativeFailure == null) {
      return;
    }
    synchronized (VideoFrames.class) {
      if (nativeFailure != null) {
        try {
          Loader.load(avutil.class);
          Loader.load(swresample.class);
          Loader.load(avcodec.class);
          Loader.load(avformat.class);
          Loader.load(swscale.class);
          avutil.av_log_set_level(avutil.AV_LOG_ERROR);
          nativeFailure = null;
        } catch (RuntimeException | LinkageError e) {
          nativeFailure = "cannot load FFmpeg through JavaCPP (" + e + ")";
        }
      }
    }
    if (nativeFailure != null) {
      throw new IOException(nativeFailure + "; extract the frames into <vid>/frames/ (see datasets/300vw/README.md)");
    }
  }

  /** Width and height of the video's frames. */
  ImageFiles.Size size(Path video) throws IOException {
    checkNatives();
    Decoder d = new Decoder(video);
    try {
      return new ImageFiles.Size(d.grabber.getImageWidth(), d.grabber.getImageHeight());
    } catch (IllegalArgumentException e) {
      throw new IOException(video + ": no video stream with a frame size", e);
    } finally {
      d.close();
    }
  }

  /** Decodes frame {@code index} (0-based) of {@code video} into a new image. */
  BufferedImage frame(Path video, int index) throws IOException {
    checkNatives();
    Decoder d = take(video, index);
    boolean ok = false;
    try {
      if (index < d.next || index - d.next > MAX_FORWARD) {
        d.grabber.setVideoFrameNumber(index);
        d.next = index;
      }
      Frame frame = null;
      while (d.next <= index) {
        frame = d.grabber.grabImage();
        if (frame == null) {
          throw new IOException(video + ": frame " + index + " is past the end of the video");
        }
        d.next++;
      }
      // A fresh converter allocates a fresh image: nothing points into the decoder's buffer.
      BufferedImage image = new Java2DFrameConverter().convert(frame);
      if (image == null) {
        throw new IOException(video + ": frame " + index + " has no image");
      }
      ok = true;
      return image;
    } catch (RuntimeException e) {
      throw new IOException(video + ": cannot decode frame " + index + ": " + e.getMessage(), e);
    } finally {
      if (ok) {
        giveBack(d);
      } else {
        d.close();
      }
    }
  }

  /** A lazily decoded frame. */
  ImageSource source(Path video, int index) {
    return new ImageSource() {
      @Override
      public BufferedImage load() throws IOException {
        return frame(video, index);
      }

      @Override
      public String describe() {
        return video + " frame " + index + " (0-based)";
      }
    };
  }

  private Decoder take(Path video, int index) throws IOException {
    synchronized (idle) {
      Decoder best = null;
      for (Decoder d : idle) {
        if (d.video.equals(video) && (best == null || better(d, best, index))) {
          best = d;
        }
      }
      if (best != null) {
        idle.remove(best);
        return best;
      }
    }
    return new Decoder(video);
  }

  /** Prefer a decoder standing at or a little before the frame; else any decoder of the video. */
  private static boolean better(Decoder a, Decoder b, int index) {
    boolean aAhead = a.next <= index && index - a.next <= MAX_FORWARD;
    boolean bAhead = b.next <= index && index - b.next <= MAX_FORWARD;
    if (aAhead != bAhead) {
      return aAhead;
    }
    return Math.abs(index - a.next) < Math.abs(index - b.next);
  }

  private void giveBack(Decoder d) {
    Decoder evicted = null;
    synchronized (idle) {
      idle.addFirst(d);
      if (idle.size() > MAX_IDLE) {
        evicted = idle.removeLast();
      }
    }
    if (evicted != null) {
      evicted.close();
    }
  }
}
