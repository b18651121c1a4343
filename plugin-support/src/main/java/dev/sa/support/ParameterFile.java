package dev.sa.support;

import dev.sa.api.SaException;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plugin's own parameter file (a refiner's or normaliser's trained network): a magic string and a
 * format number, then what the plugin writes (its header fields and its network's parameters).
 * Written atomically; read with one clear message per problem, each naming the file: missing, not
 * this kind of file or of another format, cut short or damaged.
 */
public final class ParameterFile {
  private ParameterFile() {}

  /** Writes a file's content after the magic string and format number. */
  public interface Body {
    void write(DataOutputStream out) throws IOException;
  }

  /** Reads a file's content after its magic string and format number have been checked. */
  public interface Reader {
    /** Any exception other than an {@link IOException} or {@link SaException} reads as damaged parameters. */
    void read(DataInputStream in) throws Exception;
  }

  /** Writes {@code magic}, {@code format}, then {@code body} into {@code file} atomically. */
  public static void write(Path file, String magic, int format, Body body) throws IOException {
    AtomicFiles.write(file, os -> {
      DataOutputStream out = new DataOutputStream(new BufferedOutputStream(os));
      out.writeUTF(magic);
      out.writeInt(format);
      body.write(out);
      out.flush();
    });
  }

  /**
   * Reads {@code file} written by {@link #write} with the same {@code magic} and {@code format}.
   *
   * @param what the kind of file in messages, e.g. {@code "GHCU"}
   * @param missing what to do when the file is missing, e.g. {@code "train the ghcu refiner first"}
   */
  public static void read(Path file, String magic, int format, String what, String missing, Reader reader)
      throws IOException {
    if (!Files.isRegularFile(file)) {
      throw SaException.dataError(file + ": missing; " + missing + " (it writes " + file.getFileName() + ")");
    }
    try (InputStream is = Files.newInputStream(file);
        DataInputStream in = new DataInputStream(new BufferedInputStream(is))) {
      String foundMagic;
      int foundFormat;
      try {
        foundMagic = in.readUTF();
        foundFormat = in.readInt();
      } catch (EOFException e) {
        throw SaException.dataError(file + ": not a " + what + " parameter file (it ends before its header)", e);
      }
      if (!magic.equals(foundMagic) || foundFormat != format) {
        throw SaException.dataError(file + ": not a " + what + " parameter file of format " + format
            + " (found '" + foundMagic + "' format " + foundFormat + ")");
      }
      reader.read(in);
    } catch (SaException e) {
      throw e;
    } catch (EOFException e) {
      throw SaException.dataError(file + ": damaged " + what + " parameters (the file is cut short)", e);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw SaException.dataError(file + ": damaged " + what + " parameters (" + e.getMessage() + ")", e);
    }
  }
}
