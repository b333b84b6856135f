package netsim.packetdrill;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/**
 * How to run scripts.
 *
 * @param profile the host's choices (see {@link Profile})
 * @param defines the names {@code #ifdef} sees as defined ({@code -D NAME})
 * @param ignoreShell skip back-quoted shell commands (and list them in the report) instead of
 *     reporting the script as unsupported
 * @param tolerance the timing tolerance in nanoseconds, or -1 for the script's {@code
 *     --tolerance_usecs} or else the profile's
 * @param remoteIsn the wire sequence number of the remote side's script sequence number 0
 * @param seed the seed of the simulation's random streams (the model's ISNs and timestamp offsets
 *     come from it; scripts see them relative, so the seed does not change results)
 * @param strictSegments an outbound line takes exactly one segment, as packetdrill's {@code
 *     --strict_segments} (which a script may also give); otherwise consecutive segments may stand
 *     for the one large TSO/GSO segment a line expects
 */
public record Options(
    Profile profile,
    Set<String> defines,
    boolean ignoreShell,
    long tolerance,
    int remoteIsn,
    long seed,
    boolean strictSegments) {

  public Options {
    checkNotNull(profile, "profile");
    defines = Collections.unmodifiableSortedSet(new TreeSet<>(checkNotNull(defines, "defines")));
    checkArgument(tolerance >= -1, "tolerance must be -1 (script or profile) or >= 0");
  }

  /** The rfc profile, no defines, shell commands unsupported. */
  public static Options defaults() {
    return new Options(Profile.rfc(), Set.of(), false, -1, 0, 1, false);
  }

  public Options withProfile(Profile value) {
    return new Options(value, defines, ignoreShell, tolerance, remoteIsn, seed, strictSegments);
  }

  public Options withDefines(Set<String> value) {
    return new Options(profile, value, ignoreShell, tolerance, remoteIsn, seed, strictSegments);
  }

  public Options withIgnoreShell(boolean value) {
    return new Options(profile, defines, value, tolerance, remoteIsn, seed, strictSegments);
  }

  public Options withTolerance(long nanos) {
    return new Options(profile, defines, ignoreShell, nanos, remoteIsn, seed, strictSegments);
  }

  public Options withRemoteIsn(int value) {
    return new Options(profile, defines, ignoreShell, tolerance, value, seed, strictSegments);
  }

  public Options withSeed(long value) {
    return new Options(profile, defines, ignoreShell, tolerance, remoteIsn, value, strictSegments);
  }

  public Options withStrictSegments(boolean value) {
    return new Options(profile, defines, ignoreShell, tolerance, remoteIsn, seed, value);
  }
}
