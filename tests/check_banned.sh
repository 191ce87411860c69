#!/bin/sh
# Fails when include/ uses what DESIGN.md bans for determinism or portability:
# wall clocks, ambient randomness, threads, standard distributions (their
# algorithms differ between standard libraries), and nlohmann/json.hpp outside
# api/json/, kubectl/ and kubesim.hpp (compile time). server/ serves real
# clients in real time: it alone may read a wall clock.
dir="$1"
status=0
hits=$(grep -rnE 'system_clock|steady_clock|high_resolution_clock|random_device|std::rand\(|[^a-z_]rand\(\)|std::thread|std::jthread|this_thread|_distribution<|std::ranges::|<source_location>|std::bit_cast' "$dir" | grep -v '/kubesim/server/')
if [ -n "$hits" ]; then
  echo "banned call in include/:"; echo "$hits"; status=1
fi
hits=$(grep -rlnE "#include *<nlohmann/json.hpp>" "$dir/kubesim" | grep -v '/api/json/' | grep -v 'kubesim/kubesim.hpp' | grep -v '/kubectl/')
if [ -n "$hits" ]; then
  echo "nlohmann/json.hpp included outside api/json/:"; echo "$hits"; status=1
fi
exit $status
