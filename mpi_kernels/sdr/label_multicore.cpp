// Multicore SDR labelling in the manner of rust-fil-proofs create_label/multi.rs (proofs.md §4.1), own
// design: producers gather parent labels into a ring of node slots ahead of one hashing thread, which fills
// the base parents not yet labelled when the slot was built and runs the SHA-256 chain on the slot.
//
//   producers (claim strides of nodes)            hashing thread (node order)
//   wait slot free: v < hashed + lookahead         wait slot.ready == v + 1
//   state = SHA(IV, prefix(layer, v))              copy missing base parents from out[]
//   copy base parents < hashed, expander parents   19 compressions → out[v]
//   slot.ready = v + 1 (release)                   hashed = v + 1 (release)
#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstring>
#include <exception>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "base/error.hpp"
#include "hash/sha256.hpp"
#include "hash/trunc254.hpp"
#include "sdr/label_hasher.hpp"
#include "sdr/label_layer.hpp"
#include "sdr/label_message.hpp"
#include "sdr/thread_pinning.hpp"

namespace sa::kernels {

namespace {

// Below this node every base parent is left to the hashing thread (upstream's constant): early nodes'
// parents are all recent, and it keeps the producers off the `hashed` counter while the ring fills.
constexpr std::uint64_t kHasherFillsAllBaseUpTo = 2000;
// Producers leave the newest labels to the hashing thread even when final: they sit in its L1, and a
// producer reading them would pull those lines out of Modified state right before the hasher's next store.
constexpr std::uint64_t kHasherKeepsNewest = 128;
constexpr int kPrefetchNodes = 4;          // producer: gather node v + 4's parents into cache while on v
constexpr unsigned kSpinsBeforeYield = 256;  // then yield, so oversubscribed runs (tests, 2 cores) progress

struct alignas(64) Slot {
  std::uint8_t parents[kParentsPerNode * 32];  // base 0..5, then expander 6..13 (layer 1: base only)
  std::uint8_t tail[64];                       // parent 0 (layer 1) or 8, then constant padding
  std::uint32_t state[8];                      // SHA-256 state after the prefix block
  std::uint32_t base[kBaseDegree];             // base parent ids, for the hashing thread's copies
  std::uint32_t missing;                       // bit i: base parent i still to copy
  alignas(64) std::atomic<std::uint64_t> ready{0};  // node + 1 once the producer is done
};

struct Aborted {};  // unwinds a thread after another one failed

inline void cpu_relax() {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#endif
}

class MulticoreLabeller {
 public:
  MulticoreLabeller(const ParentCache& cache, const Commitment& replica_id, int layer, const std::uint8_t* prev,
                    std::uint8_t* out, const LabelOptions& options)
      : cache_(cache), replica_id_(replica_id), layer_(layer), prev_(prev), out_(out), options_(options),
        nodes_(cache.nodes()), slots_(std::min<std::uint64_t>(options.lookahead, nodes_)),
        ring_(new Slot[slots_]), hashers_(detail::label_hashers()) {
    compress_ = sha_ni_available() ? sha256_compress_shani : sha256_compress_portable;
    for (std::uint64_t i = 0; i < slots_; ++i) detail::label_tail_padding(ring_[i].tail);
  }

  void run() {
    std::vector<std::thread> threads;
    threads.reserve(static_cast<std::size_t>(options_.producers) + 1);
    for (int role = 0; role <= options_.producers; ++role) {
      threads.emplace_back([this, role] {
        try {
          if (!options_.cores.empty()) pin_current_thread(options_.cores[static_cast<std::size_t>(role)]);
          if (role == 0) {
            hash_all();
          } else {
            produce();
          }
        } catch (const Aborted&) {
        } catch (...) {
          fail(std::current_exception());
        }
      });
    }
    for (auto& t : threads) t.join();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  template <class Pred>
  void wait_until(Pred done) {
    for (unsigned spins = 0; !done(); ++spins) {
      if (spins < kSpinsBeforeYield) {
        cpu_relax();
      } else {
        if (abort_.load(std::memory_order_relaxed)) throw Aborted{};
        std::this_thread::yield();
      }
    }
  }

  void fail(std::exception_ptr e) {
    const std::lock_guard<std::mutex> lock(error_mutex_);
    if (!error_) error_ = e;
    abort_.store(true);
  }

  const std::uint8_t* label(std::uint32_t node) const { return out_ + 32 * std::uint64_t{node}; }

  void prefetch_parents(std::uint64_t v) const {
    const std::uint32_t* p = cache_.parents(v);
    for (int i = 0; i < kBaseDegree; ++i) __builtin_prefetch(label(p[i]), 0, 3);
    if (layer_ > 1) {
      for (int i = kBaseDegree; i < kParentsPerNode; ++i) __builtin_prefetch(prev_ + 32 * std::uint64_t{p[i]}, 0, 3);
    }
  }

  void fill(Slot& s, std::uint64_t v) {
    std::uint8_t prefix[64];
    detail::label_prefix(replica_id_, layer_, v, prefix);
    std::copy(kSha256Iv.begin(), kSha256Iv.end(), s.state);
    compress_(s.state, prefix, 1);

    const std::uint32_t* p = cache_.parents(v);
    const std::uint64_t hashed = v <= kHasherFillsAllBaseUpTo ? 0 : hashed_.load(std::memory_order_acquire);
    const std::uint64_t done = hashed > kHasherKeepsNewest ? hashed - kHasherKeepsNewest : 0;
    std::uint32_t missing = 0;
    for (int i = 0; i < kBaseDegree; ++i) {
      s.base[i] = p[i];
      if (p[i] < done) {
        std::memcpy(s.parents + 32 * i, label(p[i]), 32);
      } else {
        missing |= 1u << i;
      }
    }
    if (layer_ == 1) {
      if ((missing & 1) == 0) std::memcpy(s.tail, s.parents, 32);
    } else {
      for (int i = kBaseDegree; i < kParentsPerNode; ++i) {
        std::memcpy(s.parents + 32 * i, prev_ + 32 * std::uint64_t{p[i]}, 32);
      }
      std::memcpy(s.tail, s.parents + 32 * 8, 32);
    }
    s.missing = missing;
    s.ready.store(v + 1, std::memory_order_release);
  }

  void produce() {
    const std::uint64_t stride = options_.producer_stride;
    for (;;) {
      const std::uint64_t begin = next_claim_.fetch_add(stride);
      if (begin >= nodes_) return;
      const std::uint64_t end = std::min(begin + stride, nodes_);
      for (std::uint64_t v = begin; v < std::min(end, begin + kPrefetchNodes); ++v) prefetch_parents(v);
      for (std::uint64_t v = begin; v < end; ++v) {
        if (v + kPrefetchNodes < end) prefetch_parents(v + kPrefetchNodes);
        // Slot v % slots was node v - slots's; it is free once that node is hashed.
        wait_until([&] { return v < hashed_.load(std::memory_order_acquire) + slots_; });
        fill(ring_[v % slots_], v);
      }
    }
  }

  void hash_all() {
    std::uint8_t prefix[64];
    detail::label_prefix(replica_id_, layer_, 0, prefix);
    const Sha256Digest d0 = sha256(prefix, 64);  // node 0: the prefix alone
    std::copy(d0.begin(), d0.end(), out_);
    trunc254(out_);
    hashed_.store(1, std::memory_order_release);

    const detail::LabelHashFn hash = layer_ == 1 ? hashers_.layer1 : hashers_.expander;
    for (std::uint64_t v = 1; v < nodes_; ++v) {
      Slot& s = ring_[v % slots_];
      wait_until([&] { return s.ready.load(std::memory_order_acquire) == v + 1; });
      // The next slot is most likely complete already: pull its lines in while this node hashes, for
      // writing (its missing parents are stored into it), so the stores need no second ownership request.
      const auto* next = reinterpret_cast<const char*>(&ring_[(v + 1) % slots_]);
      for (std::size_t off = 0; off < offsetof(Slot, ready); off += 64) __builtin_prefetch(next + off, 1, 3);
      __builtin_prefetch(next + offsetof(Slot, ready), 0, 3);
      for (std::uint32_t m = s.missing; m != 0; m &= m - 1) {
        const int i = __builtin_ctz(m);
        std::memcpy(s.parents + 32 * i, label(s.base[i]), 32);
      }
      if (layer_ == 1 && (s.missing & 1) != 0) std::memcpy(s.tail, s.parents, 32);
      hash(s.state, s.parents, s.tail, out_ + 32 * v);
      hashed_.store(v + 1, std::memory_order_release);
    }
  }

  const ParentCache& cache_;
  const Commitment replica_id_;
  const int layer_;
  const std::uint8_t* const prev_;
  std::uint8_t* const out_;
  const LabelOptions& options_;
  const std::uint64_t nodes_;
  const std::uint64_t slots_;
  std::unique_ptr<Slot[]> ring_;
  const detail::LabelHashers hashers_;
  void (*compress_)(std::uint32_t*, const std::uint8_t*, std::size_t) = nullptr;

  alignas(64) std::atomic<std::uint64_t> next_claim_{1};  // node 0 is the hashing thread's
  alignas(64) std::atomic<std::uint64_t> hashed_{0};      // labels out[0 .. hashed) are final
  alignas(64) std::atomic<bool> abort_{false};
  std::mutex error_mutex_;
  std::exception_ptr error_;
};

void check_options(const LabelOptions& o) {
  if (o.producers < 1 || o.producers > 64) {
    throw Error(ErrorKind::Usage, "SDR labels: producers must be in 1..64, got " + std::to_string(o.producers));
  }
  if (o.lookahead < 1 || o.producer_stride < 1) {
    throw Error(ErrorKind::Usage, "SDR labels: lookahead and producer stride must be >= 1");
  }
  if (!o.cores.empty() && o.cores.size() != static_cast<std::size_t>(o.producers) + 1) {
    throw Error(ErrorKind::Usage, "SDR labels: " + std::to_string(o.cores.size()) + " core ids for " +
                                      std::to_string(o.producers) + " producers + 1 hashing thread");
  }
}

}  // namespace

void label_layer_multicore(const ParentCache& cache, const Commitment& replica_id, int layer,
                           const std::uint8_t* prev_layer, std::uint8_t* out, const LabelOptions& options) {
  detail::check_label_args(cache, layer, prev_layer, out);
  check_options(options);
  MulticoreLabeller(cache, replica_id, layer, prev_layer, out, options).run();
}

}  // namespace sa::kernels
