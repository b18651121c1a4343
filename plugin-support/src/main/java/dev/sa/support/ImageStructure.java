package dev.sa.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Cheap completeness checks of PNG and JPEG files that read only chunk headers (PNG) or the
 * segment headers and the tail (JPEG), never the pixels: a file cut short is found before any
 * pixel buffer is allocated, however large the size its header claims.
 */
final class ImageStructure {
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  /** Bytes at the end of a JPEG searched first for its end-of-image marker. */
  private static final int JPEG_TAIL = 4096;
  private static final int MARKER_SOI = 0xD8;
  private static final int MARKER_EOI = 0xD9;
  private static final int MARKER_SOS = 0xDA;

  private ImageStructure() {}

  /**
   * Returns null when {@code file} is a complete PNG or JPEG (or another format, which is not
   * checked here), else what is wrong.
   */
  static String problem(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      byte[] head = read(ch, 0, PNG_SIGNATURE.length);
      if (startsWith(head, PNG_SIGNATURE)) {
        return png(ch);
      }
      if (head.length >= 2 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == MARKER_SOI) {
        return jpeg(ch);
      }
      return null;
    }
  }

  /** Walks the chunks: each must fit in the file, IHDR first, at least one IDAT, then IEND. */
  private static String png(FileChannel ch) throws IOException {
    long size = ch.size();
    long pos = PNG_SIGNATURE.length;
    boolean data = false;
    for (int index = 0; ; index++) {
      byte[] header = read(ch, pos, 8);
      if (header.length < 8) {
        return "truncated PNG: the file ends at byte " + size + " before the IEND chunk"
            + (data ? "" : " (no image data)");
      }
      long length = ByteBuffer.wrap(header, 0, 4).getInt() & 0xffffffffL;
      String type = new String(header, 4, 4, StandardCharsets.ISO_8859_1);
      if (index == 0 && !type.equals("IHDR")) {
        return "damaged PNG: the first chunk is " + TextFiles.quote(type) + ", not IHDR";
      }
      long end = pos + 12 + length;
      if (end > size) {
        return "truncated PNG: chunk " + TextFiles.quote(type) + " at byte " + pos + " needs " + length
            + " bytes but the file ends at byte " + size;
      }
      if (type.equals("IDAT")) {
        data = true;
      } else if (type.equals("IEND")) {
        return data ? null : "damaged PNG: no IDAT (image data) chunk before IEND";
      }
      pos = end;
    }
  }

  /**
   * Walks the segments up to the first scan, then looks for the end-of-image marker after it:
   * inside entropy-coded data every 0xFF is followed by 0x00 or a restart marker, so an EOI
   * there is the real end.
   */
  private static String jpeg(FileChannel ch) throws IOException {
    long size = ch.size();
    long pos = 2;
    while (true) {
      byte[] marker = read(ch, pos, 4);
      if (marker.length < 4) {
        return "truncated JPEG: the file ends at byte " + size + " before the image data";
      }
      if ((marker[0] & 0xff) != 0xFF) {
        return "damaged JPEG: no segment marker at byte " + pos;
      }
      int type = marker[1] & 0xff;
      if (type == 0xFF) {
        pos++; // fill byte
        continue;
      }
      int length = ((marker[2] & 0xff) << 8) | (marker[3] & 0xff);
      if (pos + 2 + length > size) {
        return "truncated JPEG: segment 0x" + Integer.toHexString(type).toUpperCase() + " at byte " + pos
            + " needs " + length + " bytes but the file ends at byte " + size;
      }
      if (type == MARKER_SOS) {
        long scan = pos + 2 + length;
        long tail = Math.max(scan, size - JPEG_TAIL);
        if (hasEndMarker(ch, tail, size) || (tail > scan && hasEndMarker(ch, scan, size))) {
          return null;
        }
        return "truncated JPEG: the image data ends at byte " + size + " without the end-of-image marker (FF D9)";
      }
      if (type == MARKER_EOI) {
        return "damaged JPEG: end-of-image marker at byte " + pos + " before any image data";
      }
      pos += 2 + length;
    }
  }

  private static boolean hasEndMarker(FileChannel ch, long from, long to) throws IOException {
    final int chunk = 1 << 16;
    boolean previousFf = false;
    for (long pos = from; pos < to; pos += chunk) {
      byte[] b = read(ch, pos, (int) Math.min(chunk, to - pos));
      for (byte x : b) {
        int v = x & 0xff;
        if (previousFf && v == MARKER_EOI) {
          return true;
        }
        previousFf = v == 0xFF;
      }
    }
    return false;
  }

  private static byte[] read(FileChannel ch, long pos, int n) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) Math.max(0, Math.min(n, ch.size() - pos)));
    while (buf.hasRemaining()) {
      if (ch.read(buf, pos + buf.position()) < 0) {
        break;
      }
    }
    return buf.array();
  }

  private static boolean startsWith(byte[] bytes, byte[] prefix) {
    if (bytes.length < prefix.length) {
      return false;
    }
    for (int i = 0; i < prefix.length; i++) {
      if (bytes[i] != prefix[i]) {
        return false;
      }
    }
    return true;
  }
}
