#!/usr/bin/env bash
# Builds the ns-3 side of the comparison (bulk-transfer, many-flows) into benchmarks/ns3/target/,
# with g++ -O2 against Debian's packaged ns-3 libraries (libns3-dev, ns-3 3.37:
# apt-get install -y libns3-dev), as pkg-config names them. This is Debian's build of ns-3, not an
# optimized source build (./ns3 configure --build-profile=optimized): Debian configures it as a
# CMake "release" build (optimized code, but logging and asserts still compiled in; see README.md
# here for how that was checked). Only our two scenario files are compiled here, so -O2 on them
# changes little: the time is spent inside the libraries.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
modules="ns3-core ns3-network ns3-internet ns3-point-to-point ns3-applications ns3-traffic-control"
if ! pkg-config --exists $modules; then
  echo "ns-3 not found by pkg-config; install Debian's package: apt-get install -y libns3-dev" >&2
  exit 2
fi
# Debian's .pc files name libgsl.so and libgslcblas.so, which only libgsl-dev installs; libns3-core
# already links GSL's runtime library, so those two entries are dropped rather than installing it.
flags="$(pkg-config --cflags --libs $modules | sed -E 's#[^ ]*/libgsl(cblas)?\.so##g')"
mkdir -p "$here/target"
for name in bulk-transfer many-flows; do
  # shellcheck disable=SC2086 # the flags are meant to split
  nice g++ -std=c++17 -O2 -o "$here/target/$name" "$here/$name.cc" $flags
done
echo "built $here/target/bulk-transfer and $here/target/many-flows" >&2
