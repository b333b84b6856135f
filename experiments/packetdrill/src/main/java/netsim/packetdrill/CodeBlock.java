package netsim.packetdrill;

/** A {@code %{ python }%} block; netsim does not run code, so a script with one is unsupported. */
record CodeBlock(String code) implements Action {}
