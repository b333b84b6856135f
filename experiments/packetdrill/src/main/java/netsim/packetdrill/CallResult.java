package netsim.packetdrill;

/**
 * What a system call returned: a value, or -1 and an errno name.
 *
 * @param problem when a call's output argument (such as getsockopt's value) differs from what the
 *     script expects, the difference; else null
 */
record CallResult(long value, String errno, String problem) {

  static CallResult ok(long value) {
    return new CallResult(value, null, null);
  }

  static CallResult error(String errno) {
    return new CallResult(-1, errno, null);
  }

  CallResult withProblem(String text) {
    return new CallResult(value, errno, text);
  }

  @Override
  public String toString() {
    return errno == null ? Long.toString(value) : value + " " + errno;
  }
}
