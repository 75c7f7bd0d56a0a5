// tree_d construction (proofs.md §6.1): whole layout in a caller's buffer, root only in bounded memory, and
// the streaming TreeDWriter. Each level is hash_node_pairs over the level below (4 SHA-NI streams, see
// mpi_kernels/README.md): 2 compressions per parent, 2^31 for a 32GiB sector.
#include "tree/tree_d.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <exception>
#include <string>
#include <thread>

#include "base/error.hpp"
#include "hash/node_hash.hpp"

namespace sa::kernels {

namespace {

constexpr std::uint64_t kChunkLeaves = std::uint64_t{1} << 15;  // 1 MiB of leaves per root-only chunk
constexpr std::uint64_t kMinPairsPerThread = std::uint64_t{1} << 13;
constexpr std::size_t kFlushBytes = std::size_t{1} << 20;

void check_leaves(std::uint64_t nleaves, const char* what) {
  if (nleaves == 0 || !std::has_single_bit(nleaves) || nleaves > (std::uint64_t{1} << 58)) {
    throw Error(ErrorKind::Usage, std::string(what) + ": the leaf count must be a power of two, got " +
                                      std::to_string(nleaves));
  }
}

// Runs body(begin, end) over [0, n) split into up to `threads` slices of at least min_per_thread items.
template <class Body>
void parallel_for(std::uint64_t n, int threads, std::uint64_t min_per_thread, Body body) {
  const std::uint64_t workers = std::clamp<std::uint64_t>(n / min_per_thread, 1, static_cast<std::uint64_t>(threads));
  if (workers == 1) {
    body(0, n);
    return;
  }
  std::vector<std::thread> pool;
  std::vector<std::exception_ptr> errors(static_cast<std::size_t>(workers));
  for (std::uint64_t t = 0; t < workers; ++t) {
    pool.emplace_back([&, t] {
      try {
        body(n * t / workers, n * (t + 1) / workers);
      } catch (...) {
        errors[static_cast<std::size_t>(t)] = std::current_exception();
      }
    });
  }
  for (auto& th : pool) th.join();
  for (const auto& e : errors) {
    if (e) std::rethrow_exception(e);
  }
}

// Reduces n (a power of two) nodes in buf to their root, in place.
void reduce_in_place(std::uint8_t* buf, std::uint64_t n) {
  for (; n > 1; n /= 2) hash_node_pairs(buf, static_cast<std::size_t>(n / 2), buf);
}

Commitment root_only(const std::uint8_t* leaves, std::uint64_t nleaves, int threads) {
  const std::uint64_t chunk = std::min(nleaves, kChunkLeaves);
  const std::uint64_t nchunks = nleaves / chunk;
  std::vector<std::uint8_t> roots(static_cast<std::size_t>(nchunks * 32));
  parallel_for(nchunks, threads, 1, [&](std::uint64_t begin, std::uint64_t end) {
    std::vector<std::uint8_t> scratch(static_cast<std::size_t>(std::max<std::uint64_t>(chunk / 2, 1) * 32));
    for (std::uint64_t c = begin; c < end; ++c) {
      const std::uint8_t* in = leaves + c * chunk * 32;
      if (chunk == 1) {
        std::memcpy(scratch.data(), in, 32);
      } else {
        hash_node_pairs(in, static_cast<std::size_t>(chunk / 2), scratch.data());
        reduce_in_place(scratch.data(), chunk / 2);
      }
      std::memcpy(roots.data() + c * 32, scratch.data(), 32);
    }
  });
  reduce_in_place(roots.data(), nchunks);
  Commitment root;
  std::memcpy(root.data(), roots.data(), 32);
  return root;
}

}  // namespace

Commitment build_tree_d(const std::uint8_t* leaves, std::uint64_t nleaves, std::uint8_t* out_nodes, int threads) {
  check_leaves(nleaves, "tree_d");
  if (leaves == nullptr) throw Error(ErrorKind::Usage, "tree_d: no leaves");
  if (threads < 1) throw Error(ErrorKind::Usage, "tree_d: threads must be >= 1");
  if (out_nodes == nullptr) return root_only(leaves, nleaves, threads);
  if (out_nodes != leaves) std::memcpy(out_nodes, leaves, nleaves * 32);
  std::uint8_t* level = out_nodes;
  for (std::uint64_t n = nleaves; n > 1; n /= 2) {
    std::uint8_t* parents = level + n * 32;
    parallel_for(n / 2, threads, kMinPairsPerThread, [&](std::uint64_t begin, std::uint64_t end) {
      hash_node_pairs(level + begin * 64, static_cast<std::size_t>(end - begin), parents + begin * 32);
    });
    level = parents;
  }
  Commitment root;
  std::memcpy(root.data(), level, 32);
  return root;
}

TreeDWriter::TreeDWriter(std::uint64_t nleaves, WriteFn write) : nleaves_(nleaves), write_(std::move(write)) {
  check_leaves(nleaves, "TreeDWriter");
  const auto levels = static_cast<std::size_t>(std::countr_zero(nleaves)) + 1;
  std::uint64_t offset = 0;
  for (std::size_t k = 0; k < levels; ++k) {
    level_offset_.push_back(offset);
    offset += (nleaves >> k) * 32;
  }
  written_.assign(levels, 0);
  out_buffer_.resize(levels);
  odd_.resize(levels);
}

void TreeDWriter::append(const std::uint8_t* leaves, std::uint64_t count) {
  if (count > nleaves_ - appended_) {
    throw Error(ErrorKind::Usage, "TreeDWriter: more than " + std::to_string(nleaves_) + " leaves appended");
  }
  appended_ += count;
  push(0, leaves, count);
}

void TreeDWriter::push(unsigned level, const std::uint8_t* nodes, std::uint64_t count) {
  if (count == 0) return;
  auto& buf = out_buffer_[level];
  if (buf.empty() && count * 32 >= kFlushBytes) {  // big appends go straight through
    write_(level_offset_[level] + written_[level] * 32, nodes, static_cast<std::size_t>(count * 32));
    written_[level] += count;
  } else {
    buf.insert(buf.end(), nodes, nodes + count * 32);
    if (buf.size() >= kFlushBytes) flush(level);
  }
  if (level + 1 == level_offset_.size()) {  // the root
    std::memcpy(root_.data(), nodes, 32);
    return;
  }
  // Pair with a node left over from the previous push, then the rest two by two.
  std::vector<std::uint8_t> parents((count + 1) / 2 * 32);
  std::uint64_t made = 0;
  auto& odd = odd_[level];
  if (!odd.empty()) {
    odd.insert(odd.end(), nodes, nodes + 32);
    hash_node_pairs(odd.data(), 1, parents.data());
    odd.clear();
    nodes += 32;
    --count;
    made = 1;
  }
  hash_node_pairs(nodes, static_cast<std::size_t>(count / 2), parents.data() + made * 32);
  made += count / 2;
  if (count % 2 == 1) odd.assign(nodes + (count - 1) * 32, nodes + count * 32);
  push(level + 1, parents.data(), made);
}

void TreeDWriter::flush(unsigned level) {
  auto& buf = out_buffer_[level];
  if (buf.empty()) return;
  write_(level_offset_[level] + written_[level] * 32, buf.data(), buf.size());
  written_[level] += buf.size() / 32;
  buf.clear();
}

Commitment TreeDWriter::finish() {
  if (appended_ != nleaves_) {
    throw Error(ErrorKind::Usage, "TreeDWriter: finish() after " + std::to_string(appended_) + " of " +
                                      std::to_string(nleaves_) + " leaves");
  }
  for (unsigned k = 0; k < level_offset_.size(); ++k) flush(k);
  return root_;
}

}  // namespace sa::kernels
