// `sealadapter bench` rates table (bench_table.hpp). RATIO is a time counted in SHA-256 compressions of this
// run ("0.40 c" = 0.4 compressions), or a rate over another rate ("0.93×").
#include "cli/bench_table.hpp"

#include <cstdio>
#include <ostream>
#include <string>

#include "cli/output.hpp"

namespace sa::adapter {

namespace {

std::string fmt(const char* f, double v) {
  char buf[48];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string time_str(double seconds) {
  if (seconds < 1e-6) return fmt("%.3g ns", seconds * 1e9);
  if (seconds < 1e-3) return fmt("%.3g µs", seconds * 1e6);
  if (seconds < 1) return fmt("%.3g ms", seconds * 1e3);
  return fmt("%.3g s", seconds);
}

std::string rate_str(double v) { return fmt("%.3g M/s", v / 1e6); }

const nlohmann::json& spread_of(const nlohmann::json& k, const std::string& key) {
  static const nlohmann::json none = nlohmann::json::object();
  if (!k.contains("spread") || !k["spread"].contains(key)) return none;
  return k["spread"][key];
}

// "low – high" of a spread entry, converted by f; rates shown as times swap ends (the lowest rate is the
// longest time).
template <class F>
std::string range(const nlohmann::json& s, F f, bool reciprocal = false) {
  if (!s.contains("min")) return "-";
  const double lo = s["min"].get<double>(), hi = s["max"].get<double>();
  return reciprocal ? f(hi) + " – " + f(lo) : f(lo) + " – " + f(hi);
}

}  // namespace

void print_bench_rates(const nlohmann::json& k, std::ostream& out) {
  Table t({"MEASURE", "MEDIAN", "SPREAD", "RATIO"});
  const double sha = k["sha256_compressions_per_second"];
  const double sha_s = 1 / sha;
  auto as_time = [](double per_second) { return time_str(1 / per_second); };
  t.add({"SHA-256 compression (" + k["sha256_impl"].get<std::string>() + ", one stream)", time_str(sha_s),
         range(spread_of(k, "sha256"), as_time, true), "1 c"});
  for (const char* which : {"multicore", "reference"}) {
    const double c = k[std::string("pc1_") + which + "_compressions_per_second"];
    t.add({std::string("PC1 label compressions (") + which + ")", rate_str(c),
           range(spread_of(k, std::string("pc1_") + which), [](double v) { return rate_str(20 * v); }),
           fmt("%.2f×", c / sha)});
  }
  if (k.contains("fr_mul_ns")) {
    const double ns = k["fr_mul_ns"];
    const std::string impl = k["fr_mul_impl"];
    t.add({"Fr multiplication, dependent chain (" + impl + ")", time_str(ns * 1e-9),
           range(spread_of(k, "fr_mul_" + impl + "_ns"), [](double v) { return time_str(v * 1e-9); }),
           fmt("%.2f c", ns * 1e-9 / sha_s)});
  }
  const auto& scalar = k.value("poseidon_scalar_hashes_per_second", nlohmann::json::object());
  const auto lanes = k.value("poseidon_lanes_hashes_per_second", nlohmann::json());
  for (const auto& [arity, v] : scalar.items()) {
    const double sc = v.get<double>();
    t.add({"Poseidon hash, arity " + arity + ", scalar", time_str(1 / sc),
           range(spread_of(k, "poseidon_scalar_" + arity), as_time, true), fmt("%.0f c", sha / sc)});
    if (lanes.is_object() && lanes.contains(arity)) {
      const double la = lanes[arity].get<double>();
      t.add({"Poseidon hash, arity " + arity + ", ifma-x8 (per hash)", time_str(1 / la),
             range(spread_of(k, "poseidon_lanes_" + arity), as_time, true),
             fmt("%.0f c", sha / la) + fmt(", %.2f× scalar", la / sc)});
    }
  }
  const auto& pc2 = k.value("pc2_compute_seconds_per_sector", nlohmann::json::object());
  const double one = pc2.contains("1") ? pc2["1"].get<double>() : 0;
  for (const auto& [threads, v] : pc2.items()) {
    const double s = v.get<double>();
    t.add({"PC2 hashing per sector (columns + tree_c + tree_r_last), " + threads + " thread" + (threads == "1" ? "" : "s"), time_str(s),
           range(spread_of(k, "pc2_compute_threads_" + threads), [](double x) { return time_str(x); }),
           threads == "1" ? "-" : fmt("%.2f× 1 thread", one / s)});
  }
  t.print(out);
  out << "\nmedian of " << k.value("repetitions", 1) << " samples of " << k.value("seconds_per_sample", 0.0)
      << " s each; RATIO: a time in SHA-256 compressions of this run (c), or a rate over another (×)\n";
  if (k.contains("pc2_compute_sampled_nodes")) {
    out << "PC2 hashing measured on " << k["pc2_compute_sampled_nodes"].get<std::uint64_t>()
        << " nodes and scaled to the sector; Poseidon path: " << k.value("poseidon_path", std::string("?")) << "\n";
  }
}

}  // namespace sa::adapter
