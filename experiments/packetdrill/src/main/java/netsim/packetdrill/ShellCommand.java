package netsim.packetdrill;

/** A back-quoted shell command, such as {@code `sysctl -w net.ipv4.tcp_rfc1337=1`}. */
record ShellCommand(String command) implements Action {}
