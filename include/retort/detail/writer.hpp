// The constexpr SQL writer, and the two passes that turn a statement's rendering into text in .rodata.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace retort::detail {

struct dialect_info;  // defined in retort/dialect/dialect.hpp

/*
 * How SQL text becomes a constant.
 *
 * Every node of a statement renders itself with `render(writer&)`. The dialect travels inside
 * the writer as a value, so nodes are not templated on it, and one constant evaluation renders
 * the text of every dialect, one after another. The first pass writes into a buffer of fixed
 * size (`draft_texts`), counting as it goes; the second copies the counted characters into an
 * array of exactly that size (`static_texts`), rendering again only when the text did not fit.
 * Copying costs constant evaluation far less than rendering, and a statement costs one draft
 * and one copy whatever the number of dialects. The array is the value of an `inline constexpr`
 * variable template (`rendered_texts_v` in retort/dialect/dialect.hpp), so the text lives in
 * .rodata and costs nothing at run time; the draft is used only in constant evaluation and is
 * never emitted. Placeholders are numbered as they are written ($1, $2, ... on PostgreSQL).
 */
/** How much text one rendering pass writes into a fixed buffer before counting only. */
inline constexpr std::size_t draft_capacity = 4096;

class writer {
public:
    /** Counts only without `out`; writes at most `capacity` characters to `out`, and past
     *  that stops writing and only counts (`overflowed()`). */
    constexpr explicit writer(const dialect_info& d, char* out = nullptr,
                              std::size_t capacity = static_cast<std::size_t>(-1)) noexcept
        : dialect_(&d), out_(out), capacity_(capacity) {}
    /** Writes into a draft buffer from `at` on (the first of the two passes below). Indexing
     *  the array itself costs g++'s constant evaluation a third less per character than
     *  writing through a char pointer. */
    constexpr writer(const dialect_info& d, char (*draft)[draft_capacity], std::size_t at) noexcept
        : dialect_(&d), out_(nullptr), capacity_(draft_capacity - at), draft_(draft), at_(at) {}

    constexpr void put(char c) noexcept {
        if (draft_ != nullptr) {
            if (size_ < capacity_)
                (*draft_)[at_ + size_] = c;
            else
                overflow();
        } else if (out_ != nullptr) {
            if (size_ < capacity_)
                out_[size_] = c;
            else
                overflow();
        }
        ++size_;
    }
    // The three overloads below each hold the whole copy rather than forwarding to one another:
    // constant evaluation pays for every call, and rendering a statement makes dozens of these.
    constexpr void put(const char* s, std::size_t n) noexcept {
        if (draft_ != nullptr && n != 0) {
            if (n > capacity_ - size_ || size_ > capacity_) {
                overflow();
            } else {
#if defined(__clang__)
                // clang copies in one builtin step what it would otherwise interpret char by char.
                __builtin_memcpy(*draft_ + at_ + size_, s, n);
#else
                for (std::size_t i = 0; i != n; ++i) (*draft_)[at_ + size_ + i] = s[i];
#endif
            }
        } else if (out_ != nullptr && n != 0) {
            if (n > capacity_ - size_ || size_ > capacity_) {
                overflow();
            } else {
#if defined(__clang__)
                __builtin_memcpy(out_ + size_, s, n);
#else
                for (std::size_t i = 0; i != n; ++i) out_[size_ + i] = s[i];
#endif
            }
        }
        size_ += n;  // when counting, one step per piece
    }
    constexpr void put(std::string_view sv) noexcept {
        const char* s = sv.data();
        const std::size_t n = sv.size();
        if (draft_ != nullptr && n != 0) {
            if (n > capacity_ - size_ || size_ > capacity_) {
                overflow();
            } else {
#if defined(__clang__)
                __builtin_memcpy(*draft_ + at_ + size_, s, n);
#else
                for (std::size_t i = 0; i != n; ++i) (*draft_)[at_ + size_ + i] = s[i];
#endif
            }
        } else if (out_ != nullptr && n != 0) {
            if (n > capacity_ - size_ || size_ > capacity_) {
                overflow();
            } else {
#if defined(__clang__)
                __builtin_memcpy(out_ + size_, s, n);
#else
                for (std::size_t i = 0; i != n; ++i) out_[size_ + i] = s[i];
#endif
            }
        }
        size_ += n;
    }
    /** A literal: its length is known, so constant evaluation does not search for its end. */
    template <std::size_t N>
    constexpr void put(const char (&s)[N]) noexcept {
        constexpr std::size_t n = N - 1;
        if (draft_ != nullptr && n != 0) {
            if (n > capacity_ - size_ || size_ > capacity_) {
                overflow();
            } else {
#if defined(__clang__)
                __builtin_memcpy(*draft_ + at_ + size_, s, n);
#else
                for (std::size_t i = 0; i != n; ++i) (*draft_)[at_ + size_ + i] = s[i];
#endif
            }
        } else if (out_ != nullptr && n != 0) {
            if (n > capacity_ - size_ || size_ > capacity_) {
                overflow();
            } else {
#if defined(__clang__)
                __builtin_memcpy(out_ + size_, s, n);
#else
                for (std::size_t i = 0; i != n; ++i) out_[size_ + i] = s[i];
#endif
            }
        }
        size_ += n;
    }
    constexpr void put_uint(std::uint64_t v) noexcept {
        char digits[20]{};
        int n = 0;
        do {
            digits[n++] = static_cast<char>('0' + v % 10);
            v /= 10;
        } while (v != 0);
        while (n != 0) put(digits[--n]);
    }
    constexpr void put_int(std::int64_t v) noexcept {
        if (v < 0) {
            put('-');
            put_uint(static_cast<std::uint64_t>(-(v + 1)) + 1);
        } else {
            put_uint(static_cast<std::uint64_t>(v));
        }
    }

    /** Next placeholder number, 1-based. */
    constexpr std::size_t next_param() noexcept { return ++params_; }
    [[nodiscard]] constexpr std::size_t params() const noexcept { return params_; }
    [[nodiscard]] constexpr std::size_t size() const noexcept { return size_; }
    [[nodiscard]] constexpr const dialect_info& dialect() const noexcept { return *dialect_; }
    /** Whether the text outgrew the capacity (it was counted, not all written). */
    [[nodiscard]] constexpr bool overflowed() const noexcept { return overflowed_; }

    /** Free-form state a renderer may use (e.g. "inside a DDL statement"). */
    int flags = 0;

private:
    constexpr void overflow() noexcept {
        out_ = nullptr;
        draft_ = nullptr;
        overflowed_ = true;
    }

    const dialect_info* dialect_;
    char* out_;
    std::size_t capacity_;
    char (*draft_)[draft_capacity] = nullptr;
    std::size_t at_ = 0;
    std::size_t size_ = 0;
    std::size_t params_ = 0;
    bool overflowed_ = false;
};

/** The text of one node in each of K dialects, one after another, each followed by a NUL for
 *  C APIs. A plain array: a std::array per text length is one more class to instantiate. */
template <std::size_t N, std::size_t K>
struct static_texts {
    char chars[N]{};
    std::size_t ends[K]{};  // text k is [ends[k - 1] + 1, ends[k]), text 0 starts at 0
    std::size_t params = 0;

    [[nodiscard]] constexpr std::string_view view(std::size_t k) const noexcept {
        const std::size_t begin = k == 0 ? 0 : ends[k - 1] + 1;
        return {chars + begin, ends[k] - begin};
    }
};

/** The first pass: the text of every dialect in a buffer of fixed size or, when it does not
 *  fit, only its size. Only the characters written cost compile memory, not the capacity. */
template <std::size_t K>
struct draft_texts {
    char chars[draft_capacity]{};
    std::size_t ends[K]{};
    std::size_t size = 0;
    std::size_t params = 0;
    bool fits = true;
};

template <class Render, std::size_t K>
consteval draft_texts<K> render_draft(const dialect_info* const (&dialects)[K]) {
    draft_texts<K> out{};
    for (std::size_t k = 0; k != K; ++k) {
        const std::size_t at = out.size;
        writer w = out.fits ? writer{*dialects[k], &out.chars, at} : writer{*dialects[k]};
        Render::render(w);
        out.size = at + w.size();
        out.ends[k] = out.size++;  // the NUL after it
        out.params = w.params();
        if (w.overflowed() || out.size > draft_capacity) out.fits = false;
    }
    return out;
}

/** The second pass: the draft copied into an array of its size, or, for a text that did not
 *  fit, rendered again into it. */
template <class Render, const auto& Draft, std::size_t K>
consteval static_texts<Draft.size, K> render_texts(const dialect_info* const (&dialects)[K]) {
    static_texts<Draft.size, K> out{};
    if constexpr (Draft.fits) {
#if defined(__clang__)
        __builtin_memcpy(out.chars, Draft.chars, Draft.size);
#else
        for (std::size_t i = 0; i != Draft.size; ++i) out.chars[i] = Draft.chars[i];
#endif
    } else {
        std::size_t at = 0;
        for (std::size_t k = 0; k != K; ++k) {
            writer w{*dialects[k], out.chars + at};
            Render::render(w);
            at += w.size() + 1;
        }
    }
    for (std::size_t k = 0; k != K; ++k) out.ends[k] = Draft.ends[k];
    out.params = Draft.params;
    return out;
}

/** One dialect's text, as `rendered_v` gives it: a view into `static_texts`. */
struct rendered_text {
    std::string_view text;
    std::size_t params = 0;
    [[nodiscard]] constexpr std::string_view view() const noexcept { return text; }
};

}  // namespace retort::detail
