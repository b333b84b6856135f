package netsim.explore.shrink;

/**
 * A shrink that cannot start or go on: the seed does not show the edge case, or its replay does
 * not.
 */
public final class ShrinkException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  ShrinkException(String message) {
    super(message);
  }
}
