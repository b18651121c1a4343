package dev.sa.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Help output of every command (issue 18 item 6): whole summaries, words kept whole, 'sa help CMD'. */
class HelpTest {
  private static final int WIDTH = 80;

  /** Every command path below the root, e.g. [run], [data], [data, check]; 'help' itself included. */
  private static List<List<String>> commands() {
    List<List<String>> out = new ArrayList<>();
    collect(new CommandLine(new SaCommand(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))),
        List.of(), out);
    return out;
  }

  private static void collect(CommandLine cl, List<String> path, List<List<String>> out) {
    for (Map.Entry<String, CommandLine> sub : cl.getSubcommands().entrySet()) {
      List<String> p = new ArrayList<>(path);
      p.add(sub.getKey());
      out.add(p);
      collect(sub.getValue(), p, out);
    }
  }

  private static CommandLine.Model.UsageMessageSpec usageOf(List<String> path) {
    CommandLine cl = new CommandLine(new SaCommand(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())));
    for (String name : path) {
      cl = cl.getSubcommands().get(name);
    }
    return cl.getCommandSpec().usageMessage();
  }

  private static String[] descriptionOf(List<String> path) {
    return usageOf(path).description();
  }

  /** What the command list shows: the header where a command has one, else its first description line. */
  private static String summaryOf(List<String> path) {
    String[] header = usageOf(path).header();
    return header.length > 0 ? header[0] : descriptionOf(path)[0];
  }

  @Test
  void rootHelpListsEveryCommandWithAWholeSentence() {
    Cli h = Cli.run("--help");
    assertThat(h.code()).isZero();
    String flat = h.out().replaceAll("\\s+", " ");
    for (List<String> path : commands()) {
      if (path.size() > 1) {
        continue;
      }
      String summary = summaryOf(path);
      // A summary is a whole sentence: it ends a sentence, and the list shows all of it.
      assertThat(summary).as(path + " summary").endsWith(".");
      assertThat(flat).as(path + " in sa --help").contains(path.get(0) + " " + summary.replaceAll("\\s+", " "));
    }
    assertThat(h.out().lines()).allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(WIDTH));
  }

  @Test
  void everyCommandsHelpWrapsAtWordBoundaries() {
    for (List<String> path : commands()) {
      List<String> args = new ArrayList<>(path);
      args.add("--help");
      Cli h = Cli.run(args.toArray(String[]::new));
      assertThat(h.code()).as(path.toString()).isZero();
      assertThat(h.err()).as(path.toString()).isEmpty();
      assertThat(h.out().lines()).as(path.toString())
          .allSatisfy(line -> assertThat(line.length()).as(line).isLessThanOrEqualTo(WIDTH));
      // Joined back, the wrapped text holds every paragraph of the description word for word:
      // a word cut across two lines would come back with a space inside it.
      String flat = h.out().replaceAll("\\s+", " ");
      for (String paragraph : descriptionOf(path)) {
        String words = String.format(paragraph).replaceAll("\\s+", " ").strip();
        assertThat(flat).as(path + " description").contains(words);
      }
    }
  }

  @Test
  void helpCommandShowsTheSameHelpWithoutAskingForParameters() {
    for (List<String> path : commands()) {
      if (path.size() > 1 || path.get(0).equals("help")) {
        continue;
      }
      Cli viaHelp = Cli.run("help", path.get(0));
      assertThat(viaHelp.code()).as("sa help " + path.get(0)).isZero();
      assertThat(viaHelp.err()).as("sa help " + path.get(0)).isEmpty();
      assertThat(viaHelp.out()).isEqualTo(Cli.run(path.get(0), "--help").out());
    }
    Cli predict = Cli.run("help", "predict");
    assertThat(predict.out()).contains("Usage: sa predict").doesNotContain("Missing required");
    // the box convention and the closing time line are stated (the help wraps lines: compare words)
    assertThat(predict.out().replaceAll("\\s+", " ")).contains("Box convention: a face box is tight around the face",
        "so the landmark box of a face gives the crop training took of it", "Ends with the time per image");
    Cli plain = Cli.run("help");
    assertThat(plain.code()).isZero();
    assertThat(plain.out()).contains("Usage: sa").contains("help");
  }

  @Test
  void helpForAnUnknownCommandExitsTwoNamingIt() {
    Cli h = Cli.run("help", "reprot");
    assertThat(h.code()).isEqualTo(2);
    assertThat(h.err()).contains("reprot");
  }
}
