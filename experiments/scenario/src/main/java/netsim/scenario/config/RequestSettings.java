package netsim.scenario.config;

/**
 * Request/response on each connection of a client: it writes a request of {@code request} bytes,
 * the listener answers with {@code response} bytes once the whole request has arrived, and the
 * client waits {@code think} after each whole response before the next request; after {@code count}
 * responses it closes. The request tells the listener what to answer, as an RPC header would: the
 * listener needs no setting of its own.
 */
public record RequestSettings(int count, long request, long response, long think) {
  /** Bytes the client writes on one connection. */
  public long requestBytes() {
    return count * request;
  }

  /** Bytes the listener writes on one connection. */
  public long responseBytes() {
    return count * response;
  }

  static Builder builder() {
    return new Builder();
  }

  /** Collects the keys of the {@code requests} table. */
  static final class Builder {
    private int count;
    private long request;
    private long response;
    private long think;

    Builder count(int value) {
      count = value;
      return this;
    }

    Builder request(long value) {
      request = value;
      return this;
    }

    Builder response(long value) {
      response = value;
      return this;
    }

    Builder think(long value) {
      think = value;
      return this;
    }

    RequestSettings build() {
      return new RequestSettings(count, request, response, think);
    }
  }
}
