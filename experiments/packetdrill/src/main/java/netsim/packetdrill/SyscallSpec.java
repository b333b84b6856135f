package netsim.packetdrill;

import java.util.List;

/**
 * A system call line: {@code +0 connect(3, ..., ...) = -1 EINPROGRESS (Operation now in progress)}.
 *
 * @param result the expected return value
 * @param errno the expected errno name, or null
 * @param end for a blocking call written {@code start...end}, the end time (in the same form as the
 *     start: relative or absolute), or null when the call must return at once
 */
record SyscallSpec(String name, List<Expr> args, Expr result, String errno, Long end)
    implements Action {

  Expr arg(int index) {
    return index < args.size() ? args.get(index) : new Expr.Ellipsis();
  }
}
