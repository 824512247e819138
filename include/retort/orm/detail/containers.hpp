// The session's containers: a vector with stable addresses grown in chunks, an open-addressing
// identity index, and a byte arena for snapshot texts. Each saves the allocation per object
// that std::deque, std::unordered_map and std::string would make.
#pragma once

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <utility>
#include <vector>

namespace retort::orm::detail {

/**
 * A sequence whose elements never move: chunks that double in size up to a bound, so N
 * elements cost O(log N) allocations at first and N / max_chunk after. Only the last
 * element can be removed.
 */
template <class X>
class stable_vector {
    static constexpr std::size_t first_chunk = 32;
    static constexpr std::size_t max_chunk = 8192;

    struct chunk {
        X* data;
        std::size_t size;
        std::size_t capacity;
    };

public:
    stable_vector() = default;
    stable_vector(const stable_vector&) = delete;
    stable_vector& operator=(const stable_vector&) = delete;
    ~stable_vector() { clear(); }

    template <class... A>
    X& emplace_back(A&&... args) {
        if (chunks_.empty() || chunks_[last_].size == chunks_[last_].capacity) grow();
        chunk& c = chunks_[last_];
        X* p = ::new (static_cast<void*>(c.data + c.size)) X(std::forward<A>(args)...);
        ++c.size;
        ++size_;
        return *p;
    }

    void pop_back() noexcept {
        chunk& c = chunks_[last_];
        std::destroy_at(c.data + --c.size);
        --size_;
        if (c.size == 0 && last_ != 0) --last_;
    }

    void clear() noexcept {
        for (chunk& c : chunks_) {
            std::destroy(c.data, c.data + c.size);
            ::operator delete(static_cast<void*>(c.data), std::align_val_t{alignof(X)});
        }
        chunks_.clear();
        last_ = 0;
        size_ = 0;
    }

    /** Destroys every element but keeps the chunks for the next ones (a scratch list reused
     *  batch after batch allocates once). */
    void reset() noexcept {
        for (chunk& c : chunks_) {
            std::destroy(c.data, c.data + c.size);
            c.size = 0;
        }
        last_ = 0;
        size_ = 0;
    }

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

    template <class V>
    class basic_iterator {
    public:
        using value_type = X;
        using difference_type = std::ptrdiff_t;
        basic_iterator() = default;
        basic_iterator(const std::vector<chunk>* chunks, std::size_t c, std::size_t i)
            : chunks_(chunks), c_(c), i_(i) {
            skip();
        }
        V& operator*() const noexcept { return (*chunks_)[c_].data[i_]; }
        V* operator->() const noexcept { return &**this; }
        basic_iterator& operator++() noexcept {
            ++i_;
            skip();
            return *this;
        }
        basic_iterator operator++(int) noexcept {
            auto old = *this;
            ++*this;
            return old;
        }
        bool operator==(const basic_iterator& o) const noexcept { return c_ == o.c_ && i_ == o.i_; }

    private:
        void skip() noexcept {
            while (c_ < chunks_->size() && i_ == (*chunks_)[c_].size) {
                ++c_;
                i_ = 0;
            }
        }
        const std::vector<chunk>* chunks_ = nullptr;
        std::size_t c_ = 0, i_ = 0;
    };
    using iterator = basic_iterator<X>;
    using const_iterator = basic_iterator<const X>;

    iterator begin() noexcept { return {&chunks_, 0, 0}; }
    iterator end() noexcept { return {&chunks_, chunks_.size(), 0}; }
    const_iterator begin() const noexcept { return {&chunks_, 0, 0}; }
    const_iterator end() const noexcept { return {&chunks_, chunks_.size(), 0}; }

private:
    void grow() {
        if (!chunks_.empty() && last_ + 1 < chunks_.size()) {  // a chunk left empty by pop_back
            ++last_;
            return;
        }
        const std::size_t doubled = chunks_.empty() ? first_chunk : chunks_.back().capacity * 2;
        const std::size_t n = doubled < max_chunk ? doubled : max_chunk;
        auto* data = static_cast<X*>(::operator new(n * sizeof(X), std::align_val_t{alignof(X)}));
        chunks_.push_back(chunk{data, 0, n});
        last_ = chunks_.size() - 1;
    }

    std::vector<chunk> chunks_;
    std::size_t last_ = 0;  // the chunk being filled
    std::size_t size_ = 0;
};

/**
 * Key -> pointer, open addressing with linear probing and backward-shift deletion (no
 * tombstones); the table keeps its load under 1/2. A null pointer marks a free slot.
 */
template <class Key, class V, class Hash>
class identity_index {
public:
    using key_type = Key;
    struct slot {
        Key key{};
        V* value = nullptr;
    };

    [[nodiscard]] V* find(const Key& key) const noexcept {
        if (size_ == 0) return nullptr;
        for (std::size_t i = home(key);; i = (i + 1) & mask_) {
            const slot& s = slots_[i];
            if (s.value == nullptr) return nullptr;
            if (s.key == key) return s.value;
        }
    }

    /** Points `key` at `value`, replacing what it pointed to. */
    void assign(const Key& key, V* value) {
        if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 64 : slots_.size() * 2);
        for (std::size_t i = home(key);; i = (i + 1) & mask_) {
            slot& s = slots_[i];
            if (s.value == nullptr) {
                s.key = key;
                s.value = value;
                ++size_;
                return;
            }
            if (s.key == key) {
                s.value = value;
                return;
            }
        }
    }

    /** Removes `key` if it points to `value`. */
    void erase(const Key& key, const V* value) noexcept {
        if (size_ == 0) return;
        std::size_t i = home(key);
        for (;; i = (i + 1) & mask_) {
            if (slots_[i].value == nullptr) return;
            if (slots_[i].key == key) break;
        }
        if (slots_[i].value != value) return;
        // Shift the following run back over the hole, keeping every key reachable from home.
        for (std::size_t j = (i + 1) & mask_;; j = (j + 1) & mask_) {
            if (slots_[j].value == nullptr) break;
            const std::size_t h = home(slots_[j].key);
            const bool movable = i <= j ? (h <= i || h > j) : (h <= i && h > j);
            if (movable) {
                slots_[i] = std::move(slots_[j]);
                slots_[j].value = nullptr;
                i = j;
            }
        }
        slots_[i].value = nullptr;
        slots_[i].key = Key{};
        --size_;
    }

    void clear() noexcept {
        slots_.clear();
        mask_ = 0;
        size_ = 0;
    }

    [[nodiscard]] std::size_t size() const noexcept { return size_; }

    /** Calls f(value) for every pointer held, in no particular order. */
    template <class F>
    void for_each(F&& f) const {
        for (const slot& s : slots_)
            if (s.value != nullptr) f(s.value);
    }

private:
    [[nodiscard]] std::size_t home(const Key& key) const noexcept {
        // Fibonacci hashing spreads consecutive keys, which are the usual ones.
        const auto h = static_cast<std::uint64_t>(Hash{}(key)) * 0x9e3779b97f4a7c15ULL;
        return static_cast<std::size_t>(h >> shift_);
    }

    void rehash(std::size_t capacity) {
        std::vector<slot> old = std::exchange(slots_, std::vector<slot>(capacity));
        mask_ = capacity - 1;
        shift_ = 64 - static_cast<unsigned>(std::countr_zero(capacity));
        size_ = 0;
        for (slot& s : old)
            if (s.value != nullptr) assign(s.key, s.value);
    }

    std::vector<slot> slots_;
    std::size_t mask_ = 0;
    unsigned shift_ = 64;
    std::size_t size_ = 0;
};

/** Bytes with stable addresses for the snapshots of texts and blobs: one allocation per
 *  block instead of one per value. Freed all at once. */
class byte_arena {
public:
    static constexpr std::size_t block_size = 64 * 1024;

    /** A copy of `bytes` that lives until clear(). */
    const char* store(const void* bytes, std::size_t n) {
        if (n == 0) return "";
        if (n > left_) {
            const std::size_t size = n > block_size ? n : block_size;
            blocks_.push_back(std::make_unique_for_overwrite<char[]>(size));
            next_ = blocks_.back().get();
            left_ = size;
        }
        char* out = next_;
        std::memcpy(out, bytes, n);
        next_ += n;
        left_ -= n;
        used_ += n;
        return out;
    }
    std::string_view store(std::string_view s) { return {store(s.data(), s.size()), s.size()}; }

    /** Bytes handed out since the last clear(). */
    [[nodiscard]] std::size_t used() const noexcept { return used_; }

    void clear() noexcept {
        blocks_.clear();
        next_ = nullptr;
        left_ = 0;
        used_ = 0;
    }

    void swap(byte_arena& other) noexcept {
        blocks_.swap(other.blocks_);
        std::swap(next_, other.next_);
        std::swap(left_, other.left_);
        std::swap(used_, other.used_);
    }

private:
    std::vector<std::unique_ptr<char[]>> blocks_;
    char* next_ = nullptr;
    std::size_t left_ = 0;
    std::size_t used_ = 0;
};

}  // namespace retort::orm::detail
