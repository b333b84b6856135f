package netsim.packetdrill;

import java.util.List;

/**
 * The outcome of a run of scripts: one {@link ScriptResult} per script, in the order given.
 *
 * @param profile the name of the profile the scripts ran with
 */
public record Report(String profile, List<ScriptResult> results) {

  public Report {
    results = List.copyOf(results);
  }

  public long count(ScriptResult.Status status) {
    return results.stream().filter(r -> r.status() == status).count();
  }

  /** Whether no script failed or was unreadable (unsupported scripts do not count). */
  public boolean ok() {
    return count(ScriptResult.Status.FAIL) == 0 && count(ScriptResult.Status.ERROR) == 0;
  }

  /** {@code 40 scripts: 38 pass, 1 fail, 1 unsupported, 0 error} ({@code 1 script: ...}). */
  public String totals() {
    return results.size()
        + (results.size() == 1 ? " script: " : " scripts: ")
        + count(ScriptResult.Status.PASS)
        + " pass, "
        + count(ScriptResult.Status.FAIL)
        + " fail, "
        + count(ScriptResult.Status.UNSUPPORTED)
        + " unsupported, "
        + count(ScriptResult.Status.ERROR)
        + " error";
  }
}
