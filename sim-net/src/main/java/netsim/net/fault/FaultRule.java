package netsim.net.fault;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;
import static com.google.common.base.Preconditions.checkState;

import netsim.net.packet.Packet;
import org.jspecify.annotations.Nullable;

/**
 * One targeted fault: a {@link Match} saying which packets it is about, a {@link Selection} saying
 * which of those it takes (counting its matches), and the {@link FaultAction} it applies to them.
 * Rules live in a {@link FaultChain}, where the first rule that takes a packet decides its fate.
 *
 * <pre>{@code
 * // Lose the client's final ACK, exactly once.
 * FaultRule.match(Match.builder().flagsContain(ACK).dataLength(0).senderState("TIME_WAIT")
 *         .senderNode("client").build())
 *     .named("lose-final-ack").nth(1).drop();
 * // Deliver the first SYN 30 s late.
 * FaultRule.match(Match.builder().flags(SYN).build()).nth(1).delay(Time.seconds(30));
 * }</pre>
 *
 * <p>A rule counts the packets its match accepted ({@link #matches()}) and those it took ({@link
 * #taken()}); it belongs to at most one chain.
 *
 * <p>A rule normally ends a packet's way through its chain. A <em>continuing</em> rule (tc's {@code
 * pipe}) lets the packet, and the copy its action may make, go on through the later rules of the
 * chain once its action is done, so that several rules can act on one packet: duplicate it, then
 * delay the original and the copy by different amounts.
 */
public final class FaultRule {
  private final @Nullable String givenName;
  private final Match match;
  private final Selection selection;
  private final FaultAction action;
  private final boolean continues;

  private @Nullable FaultChain chain;
  private String name;
  private String eventLabel = "";
  private long matches;
  private long taken;

  private FaultRule(
      @Nullable String name,
      Match match,
      Selection selection,
      FaultAction action,
      boolean continues) {
    checkArgument(name == null || !name.isEmpty(), "a rule name must not be empty");
    checkArgument(
        !continues || !(action instanceof FaultAction.Drop),
        "a rule that drops cannot let the packet continue");
    this.givenName = name;
    this.match = checkNotNull(match, "match");
    this.selection = checkNotNull(selection, "selection");
    this.action = checkNotNull(action, "action");
    this.continues = continues;
    this.name = name == null ? "unnamed" : name;
  }

  /** A rule with every part given, e.g. from a config file; {@code name} may be null. */
  public static FaultRule of(
      @Nullable String name, Match match, Selection selection, FaultAction action) {
    return new FaultRule(name, match, selection, action, false);
  }

  /**
   * A rule with every part given; with {@code continues}, the packets it takes go on through the
   * later rules of its chain after its action (see {@link #continues()}).
   */
  public static FaultRule of(
      @Nullable String name,
      Match match,
      Selection selection,
      FaultAction action,
      boolean continues) {
    return new FaultRule(name, match, selection, action, continues);
  }

  /** Starts a rule about the packets {@code match} accepts. */
  public static Builder match(Match match) {
    return new Builder(checkNotNull(match, "match"));
  }

  /** Starts a rule about every packet. */
  public static Builder any() {
    return new Builder(Match.ANY);
  }

  /** Whether the rule takes {@code packet} at time {@code now}; counts matches and takes. */
  boolean takes(Packet packet, long now) {
    if (!match.test(packet, now)) {
      return false;
    }
    matches++;
    if (!selection.accepts(matches)) {
      return false;
    }
    taken++;
    return true;
  }

  void attach(FaultChain owner, int position) {
    checkState(chain == null, "rule %s already belongs to chain %s", name, chain);
    chain = owner;
    if (givenName == null) {
      name = "rule" + position;
    }
    eventLabel = "fault/" + owner.name() + "/" + name + "/" + action.verb().traceName();
  }

  /** The label of the events this rule schedules, e.g. "fault/link/a->b/late-syn/delay". */
  String eventLabel() {
    return eventLabel;
  }

  /**
   * Continues the packets this rule holds, at once and in the order they arrived.
   *
   * @return how many were released
   */
  public int release() {
    return chain == null ? 0 : chain.release(this);
  }

  /** The packets this rule holds now. */
  public int held() {
    return chain == null ? 0 : chain.heldBy(this);
  }

  /**
   * The given name, else "rule&lt;n&gt;" for the n-th rule of its chain (1-based), else "unnamed"
   * before it joins a chain.
   */
  public String name() {
    return name;
  }

  public Match match() {
    return match;
  }

  public Selection selection() {
    return selection;
  }

  public FaultAction action() {
    return action;
  }

  /**
   * Whether a packet this rule took goes on through the later rules of the chain after the action
   * (delayed, held, duplicated or corrupted) instead of leaving the chain; a copy made by the
   * action goes on too, after the original.
   */
  public boolean continues() {
    return continues;
  }

  /** The chain it belongs to, or null. */
  public @Nullable FaultChain chain() {
    return chain;
  }

  /** Packets its match accepted (whether or not the selection took them). */
  public long matches() {
    return matches;
  }

  /** Packets it applied its action to. */
  public long taken() {
    return taken;
  }

  /** The counters, e.g. {@code "lose-final-ack: matched 3, took 1"}. */
  public String summary() {
    String held = held() > 0 ? ", holding " + held() : "";
    return name + ": matched " + matches + ", took " + taken + held;
  }

  /** The definition, e.g. {@code "lose-final-ack: drop nth(1) of flags&0x10=0x10 data=0"}. */
  @Override
  public String toString() {
    return name
        + ": "
        + action
        + " "
        + selection
        + " of "
        + match
        + (continues ? ", then continue" : "");
  }

  /**
   * The fluent way to a rule: optionally a name and a selection (every match by default), then the
   * action, which builds it.
   */
  public static final class Builder {
    private final Match match;
    private @Nullable String name;
    private Selection selection = Selection.every();
    private boolean continues;

    private Builder(Match match) {
      this.match = match;
    }

    /** Names the rule for traces and summaries. */
    public Builder named(String ruleName) {
      checkArgument(ruleName != null && !ruleName.isEmpty(), "a rule name must not be empty");
      name = ruleName;
      return this;
    }

    /** Takes every matching packet (the default). */
    public Builder every() {
      return select(Selection.every());
    }

    /** Takes only the {@code n}-th matching packet (1-based). */
    public Builder nth(long n) {
      return select(Selection.nth(n));
    }

    /** Takes the first {@code k} matching packets. */
    public Builder first(long k) {
      return select(Selection.first(k));
    }

    public Builder select(Selection chosen) {
      selection = checkNotNull(chosen, "selection");
      return this;
    }

    /** Lets the packets the rule takes go on through the later rules (see {@link #continues()}). */
    public Builder continuing() {
      continues = true;
      return this;
    }

    public FaultRule drop() {
      return then(FaultAction.drop());
    }

    public FaultRule delay(long nanos) {
      return then(FaultAction.delay(nanos));
    }

    public FaultRule delayArrival(long nanos) {
      return then(FaultAction.delayArrival(nanos));
    }

    public FaultRule holdUntil(long time) {
      return then(FaultAction.holdUntil(time));
    }

    public FaultRule hold() {
      return then(FaultAction.hold());
    }

    public FaultRule duplicate() {
      return then(FaultAction.duplicate());
    }

    public FaultRule corrupt() {
      return then(FaultAction.corrupt());
    }

    public FaultRule corruptBit(int bit) {
      return then(FaultAction.corruptBit(bit));
    }

    /** Builds the rule with {@code action}. */
    public FaultRule then(FaultAction action) {
      return new FaultRule(name, match, selection, action, continues);
    }
  }
}
