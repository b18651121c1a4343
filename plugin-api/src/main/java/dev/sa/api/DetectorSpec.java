package dev.sa.api;

/**
 * What the host hands a face-detector plugin.
 *
 * @param options an instance of the plugin's {@link Described#optionsType()}
 * @param threads the CPU threads the detector may use: the engine's thread count of this process
 *     ({@code sa predict}'s {@code threads}, a part's share, or one in {@code sa bench}'s one-thread
 *     figures); 0 = the detector's own default
 */
public record DetectorSpec(Record options, int threads) {
  public DetectorSpec {
    if (threads < 0) {
      throw new IllegalArgumentException("threads: " + threads + " is below 0");
    }
  }

  /** Options with the detector's own thread default. */
  public DetectorSpec(Record options) {
    this(options, 0);
  }
}
