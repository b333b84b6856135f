package netsim.tcp;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.function.Consumer;

/**
 * Bytes that never change, which any number of connections may write: a send buffer refers to the
 * part written ({@link TcpConnection#send(SharedBytes, int, int)}) instead of copying it, and every
 * segment carrying those bytes is a view of this one array. An application that writes the same
 * bytes again and again (a bulk source of constant bytes, a canned response) makes them once.
 *
 * <p>The bytes are a private copy made here, so nothing outside can change them.
 */
public final class SharedBytes {
  private final byte[] bytes;

  private SharedBytes(byte[] bytes) {
    this.bytes = bytes;
  }

  /** A copy of {@code bytes}, shared from now on. */
  public static SharedBytes copyOf(byte[] bytes) {
    return new SharedBytes(bytes.clone());
  }

  /**
   * {@code length} bytes that {@code filler} writes once into a new array, shared from then on:
   * made without a copy. The filler must not keep the array (the bytes must never change).
   */
  public static SharedBytes filled(int length, Consumer<byte[]> filler) {
    checkArgument(length >= 0, "a negative number of bytes: %s", length);
    byte[] bytes = new byte[length];
    filler.accept(bytes);
    return new SharedBytes(bytes);
  }

  /** {@code length} zero bytes. */
  public static SharedBytes zeros(int length) {
    checkArgument(length >= 0, "a negative number of bytes: %s", length);
    return new SharedBytes(new byte[length]);
  }

  /** The number of bytes. */
  public int length() {
    return bytes.length;
  }

  /** A copy of the bytes. */
  public byte[] toArray() {
    return bytes.clone();
  }

  /** The array itself, which nothing may change: a send buffer's chunks refer to it. */
  byte[] array() {
    return bytes;
  }

  @Override
  public String toString() {
    return "SharedBytes[" + bytes.length + " bytes]";
  }
}
