# A SYNTHETIC flow-size distribution for netsim's examples: an empirical CDF, one point per line,
# the size in bytes and the cumulative probability (docs/config.md, "Distributions").
#
# It was written by hand to be heavy-tailed like the data-centre workloads of the literature (most
# flows are a few 1460-byte segments; most bytes are in the few flows of megabytes), with round
# sizes of 1, 2, 5, 10, ... segments. It is NOT measured anywhere and is not the web-search or
# data-mining workload of any paper. Mean of the interpolated distribution: 398,142 bytes.
#
# size_bytes  cumulative_probability
1460          0.20
2920          0.35
7300          0.50
14600         0.60
43800         0.70
146000        0.80
730000        0.90
1460000       0.95
7300000       0.99
14600000      1
