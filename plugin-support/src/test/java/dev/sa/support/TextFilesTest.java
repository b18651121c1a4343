package dev.sa.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sa.api.Landmarks;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {
  @TempDir Path dir;

  @Test
  void quotesPrintableTextAsIsAndEscapesTheRest() {
    assertThat(TextFiles.quote("12.5 abc")).isEqualTo("'12.5 abc'");
    assertThat(TextFiles.quote("a\u0000b\u001b[31mc\u007f")).isEqualTo("'a\\x00b\\x1b[31mc\\x7f'");
    assertThat(TextFiles.quote("x\u200by\ufffe")).isEqualTo("'x\\u200by\\ufffe'");
    assertThat(TextFiles.quote("é ü")).isEqualTo("'é ü'");
  }

  @Test
  void cutsLongTextAndNamesItsLength() {
    String quoted = TextFiles.quote("z".repeat(5000));
    assertThat(quoted).isEqualTo("'" + "z".repeat(TextFiles.MAX_QUOTED) + "...' (5000 characters)");
  }

  @Test
  void readsUtf8WithoutTheByteOrderMark() throws Exception {
    Path f = Files.writeString(dir.resolve("a.txt"), "\uFEFFversion: 1\n");
    assertThat(TextFiles.read(f)).isEqualTo("version: 1\n");
  }

  /** Issue 17 item 13: a binary file given as a .pts or CSV gives one short line, not its bytes. */
  @Test
  void aBinaryFileIsRefusedWithTheLineOfItsFirstBadByte() throws Exception {
    Path png = dir.resolve("face.pts");
    Files.write(png, new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 13});
    assertThatThrownBy(() -> TextFiles.read(png)).isInstanceOfSatisfying(MalformedFileException.class, e -> {
      assertThat(e.line()).isEqualTo(3); // the PNG signature holds two line feeds
      assertThat(e.getMessage()).isEqualTo("not a text file (byte 0x00 at offset 8 is not UTF-8 text); "
          + "expected a UTF-8 text file");
    });
    Path latin1 = dir.resolve("l.csv");
    Files.write(latin1, "image_name\nna\u00efve.jpg\n".getBytes(StandardCharsets.ISO_8859_1));
    assertThatThrownBy(() -> TextFiles.read(latin1)).isInstanceOfSatisfying(MalformedFileException.class, e -> {
      assertThat(e.line()).isEqualTo(2);
      assertThat(e.getMessage()).contains("byte 0xef at offset 13");
    });
  }

  @Test
  void ptsAndCsvReadersUseIt() throws Exception {
    Path pts = dir.resolve("bin.pts");
    Files.write(pts, new byte[] {'v', 0, (byte) 0xff, 1, 2});
    assertThatThrownBy(() -> PtsFormat.read(pts, 68)).isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith("not a text file");
    Path csv = dir.resolve("bin.csv");
    Files.write(csv, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0});
    assertThatThrownBy(() -> CsvTable.read(csv, List.of("image_name"), 1)).isInstanceOf(MalformedFileException.class)
        .hasMessageStartingWith("not a text file");
  }

  @Test
  void ptsErrorsQuoteControlCharactersEscaped() {
    String text = "version: 1\nn_points: 1\n{\n\u001b[2J 3\n}\n";
    assertThatThrownBy(() -> PtsFormat.parse(text, "x.pts", 1)).isInstanceOf(MalformedFileException.class)
        .hasMessage("coordinate '\\x1b[2J' is not a number");
    Landmarks ok = Landmarks.of(new float[] {0, 1});
    assertThat(ok.count()).isEqualTo(1);
  }
}
