package dev.sa.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Text annotation files ({@code .pts}, CSV) read strictly, and text from them quoted safely in
 * error messages: a binary file given as a {@code .pts} must give one readable line, not its
 * bytes on the terminal.
 */
public final class TextFiles {
  /** Characters of a quoted text kept in a message; longer text is cut with an ellipsis. */
  public static final int MAX_QUOTED = 60;

  private TextFiles() {}

  /**
   * The UTF-8 text of {@code file} without a leading byte-order mark.
   *
   * @throws MalformedFileException naming the line when the file holds a NUL byte or is not UTF-8
   *     (an image, an archive or another binary file given as text)
   */
  public static String read(Path file) throws IOException, MalformedFileException {
    byte[] bytes = Files.readAllBytes(file);
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        throw binary(file, bytes, i);
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    String text;
    try {
      text = decoder.decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw binary(file, bytes, firstInvalid(bytes));
    }
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static MalformedFileException binary(Path file, byte[] bytes, int offset) {
    int line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) {
      if (bytes[i] == '\n') {
        line++;
      }
    }
    return new MalformedFileException(file.toString(), line, String.format(
        "not a text file (byte 0x%02x at offset %d is not UTF-8 text); expected a UTF-8 text file",
        offset < bytes.length ? bytes[offset] & 0xff : 0, offset));
  }

  /** Offset of the first byte where strict UTF-8 decoding fails. */
  private static int firstInvalid(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length + 1);
    decoder.decode(in, out, true);
    return in.position();
  }

  /**
   * {@code text} in single quotes for an error message: control and other unprintable characters
   * as {@code \xNN} or {@code \}{@code uNNNN} escapes, cut after {@link #MAX_QUOTED} characters
   * with the full length named.
   */
  public static String quote(String text) {
    StringBuilder b = new StringBuilder("'");
    int shown = 0;
    int i = 0;
    for (; i < text.length() && shown < MAX_QUOTED; i++, shown++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        b.append(String.format("\\x%02x", (int) c));
      } else if (printable(c)) {
        b.append(c);
      } else {
        b.append(String.format("\\u%04x", (int) c));
      }
    }
    b.append('\'');
    if (i < text.length()) {
      b.insert(b.length() - 1, "...").append(" (").append(text.length()).append(" characters)");
    }
    return b.toString();
  }

  private static boolean printable(char c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> false;
      default -> true;
    };
  }
}
