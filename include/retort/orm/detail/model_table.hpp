// One model's table of operations: what the session's model-independent core (table_core.hpp)
// calls to compare, snapshot, bind and read the model's objects and to name its statements.
// This is the code instantiated once per model; the flush's logic is not.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <typeindex>
#include <utility>
#include <vector>

#include "retort/engine/connection.hpp"
#include "retort/engine/decode.hpp"
#include "retort/errors.hpp"
#include "retort/orm/detail/flush_support.hpp"
#include "retort/orm/detail/identity_map.hpp"
#include "retort/orm/detail/table_core.hpp"
#include "retort/orm/detail/relationships.hpp"
#include "retort/orm/detail/statements.hpp"
#include "retort/orm/events.hpp"
#include "retort/schema/ddl.hpp"

namespace retort::orm::detail {

/** The type indices of the models T has foreign keys to. */
template <class T>
std::vector<std::type_index> foreign_key_targets() {
    std::vector<std::type_index> out;
    retort::detail::for_each_option<T>([&]<std::size_t K>() {
        using O = std::remove_cvref_t<decltype(std::get<K>(retort::table<T>.options))>;
        if constexpr (retort::detail::is_column_def<O>::value) {
            if constexpr (!std::is_same_v<typename O::fk_type, retort::detail::no_fk>) {
                using target = typename O::fk_type::target_class;
                if constexpr (!std::is_same_v<target, T>) out.emplace_back(typeid(target));
            }
        }
    });
    return out;
}

template <class T>
class model_table final : public table_base {
    static_assert(model<T>::has_primary_key,
                  "the session needs a primary key to track objects of this model: add an `id` "
                  "member or a retort::primary_key<...> to retort::table<T>");

public:
    using entry_type = entry<T>;
    using M = model<T>;

    explicit model_table(session& owner) : table_base(owner, info(), key_mask()) {}

    table_storage<T> storage;

    [[nodiscard]] std::type_index type() const override { return typeid(T); }
    [[nodiscard]] const std::vector<std::type_index>& depends_on() const override {
        static const std::vector<std::type_index> targets = foreign_key_targets<T>();
        return targets;
    }

    // Defined in graph.hpp, beside the graph operations they run.
    bool adopt() override;
    void cascade() override;

    /** Adds a new object (or one a relationship handle created, keeping its address) as pending. */
    entry_type& add_pending(std::shared_ptr<T> obj) {
        entry_type& e = storage.add_pending(std::move(obj), next_sequence());
        track_pending(e);
        return e;
    }

    /** The entry holding `obj` (by key for objects with a row, by address for the others). */
    entry_type* entry_of(const T& obj) {
        if (entry_type* e = storage.find(key_of(obj)); e != nullptr && &e->object == &obj) return e;
        for (entry_base* e : pending())
            if (&of(*e).object == &obj) return &of(*e);
        for (entry_base* e : entries())
            if (&of(*e).object == &obj) return &of(*e);
        return nullptr;
    }

    // ---- reading ----------------------------------------------------------------------------

    /**
     * Puts a row of T's columns through the identity map: the key is read first, and an
     * object already held keeps its values (unless expired or `populate_existing`) without
     * the rest of the row being decoded; a new row is decoded straight into the session's
     * storage and becomes a persistent object without a copy.
     */
    entry_type& merge_row(std::span<const value_view> row, const retort::detail::row_context& ctx,
                          bool populate_existing) {
        if (entry_type* e = storage.find(key_from_row(row, ctx))) {
            if (e->expired || populate_existing || e->state == object_state::detached) {
                T& slot = read_into_slot(row, ctx);
                copy_columns(e->object, slot);
                storage.drop_loaded_slot();
                e->snapshot.emplace(storage.snapshot(e->object));
                e->expired = false;
                if (e->state == object_state::detached) e->state = object_state::persistent;
            }
            return *e;
        }
        auto& e = storage.add_persistent_slot(read_into_slot(row, ctx));
        track(e);
        prepare_loaded(e.object);
        return e;
    }

    void bind_key(const T& obj) {
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            (bind_column<T, M::primary_key.columns[K]>(obj, params(), scratch()), ...);
        }(std::make_index_sequence<M::primary_key.size>{});
    }

private:
    static entry_type& of(entry_base& e) noexcept { return static_cast<entry_type&>(e); }
    static const entry_type& of(const entry_base& e) noexcept { return static_cast<const entry_type&>(e); }

    /** The columns an INSERT without a key reads back (the generated key, server defaults). */
    static constexpr std::uint64_t returned_mask() {
        std::uint64_t m = 0;
        for (std::size_t c = 0; c != M::column_count; ++c)
            if (returned_on_insert<T, false>(c)) m |= std::uint64_t{1} << c;
        return m;
    }

    static table_info info() noexcept { return {M::table_name, M::columns, &M::primary_key}; }

    static constexpr std::uint64_t key_mask() {
        std::uint64_t m = 0;
        for (std::size_t k = 0; k != M::primary_key.size; ++k) m |= std::uint64_t{1} << M::primary_key.columns[k];
        return m;
    }

    // ---- the operations the core calls --------------------------------------------------------

    void fire(event ev, entry_base& b) override {
        T& obj = of(b).object;
        switch (ev) {
            case event::before_insert: call_hook<event::before_insert>(obj); break;
            case event::after_insert: call_hook<event::after_insert>(obj); break;
            case event::before_update: call_hook<event::before_update>(obj); break;
            case event::after_update: call_hook<event::after_update>(obj); break;
            case event::before_delete: call_hook<event::before_delete>(obj); break;
            case event::after_delete: call_hook<event::after_delete>(obj); break;
        }
        if (const auto& global = global_listeners<T>::get(); !global.empty(ev)) global.fire(ev, &obj, *owner_);
        if (!local.empty(ev)) local.fire(ev, &obj, *owner_);
    }

    [[nodiscard]] bool listened(event ev) const override {
        bool hook = false;
        switch (ev) {
            case event::before_insert: hook = has_hook<event::before_insert, T>(); break;
            case event::after_insert: hook = has_hook<event::after_insert, T>(); break;
            case event::before_update: hook = has_hook<event::before_update, T>(); break;
            case event::after_update: hook = has_hook<event::after_update, T>(); break;
            case event::before_delete: hook = has_hook<event::before_delete, T>(); break;
            case event::after_delete: hook = has_hook<event::after_delete, T>(); break;
        }
        return hook || !global_listeners<T>::get().empty(ev) || !local.empty(ev);
    }

    static constexpr bool has_generated_key() { return M::autoincrement_column != retort::detail::npos; }

    /** An integer key counts as set when it is not zero (the value-initialised default). */
    [[nodiscard]] bool generates_key(const entry_base& b) const override {
        if constexpr (has_generated_key()) {
            return field<field_of_column<T, M::autoincrement_column>>(of(b).object) == 0;
        } else {
            return false;
        }
    }

    template <bool WithKey>
    static constexpr std::size_t sent_count() {
        std::size_t n = 0;
        for (std::size_t c = 0; c != M::column_count; ++c) n += sent_on_insert<T, WithKey>(c);
        return n;
    }
    template <bool WithKey>
    static constexpr std::size_t returned_count() {
        std::size_t n = 0;
        for (std::size_t c = 0; c != M::column_count; ++c) n += returned_on_insert<T, WithKey>(c);
        return n;
    }

    [[nodiscard]] std::string_view insert_text(dialect_kind d, bool with_key) const override {
        return with_key ? text_for<insert_node<T, true>>(d) : text_for<insert_node<T, false>>(d);
    }
    [[nodiscard]] std::size_t insert_width(bool with_key) const override {
        return with_key ? sent_count<true>() : sent_count<false>();
    }
    [[nodiscard]] bool insert_returns(bool with_key) const override {
        return (with_key ? returned_count<true>() : returned_count<false>()) != 0;
    }

    template <bool WithKey>
    static void bind_sent(const T& obj, value_view* out, scratch_strings& scratch) {
        std::size_t k = 0;
        for_each_column<T>([&](auto c) {
            constexpr std::size_t C = decltype(c)::value;
            if constexpr (sent_on_insert<T, WithKey>(C)) {
                out[k++] = type_traits<column_field_t<T, C>>::to_value(field<field_of_column<T, C>>(obj),
                                                                       scratch.emplace_back());
            }
        });
    }
    void bind_insert(const entry_base& b, bool with_key, value_view* out,
                     scratch_strings& scratch) const override {
        if (with_key)
            bind_sent<true>(of(b).object, out, scratch);
        else
            bind_sent<false>(of(b).object, out, scratch);
    }

    template <bool WithKey>
    static void read_back(T& obj, std::span<const value_view> cells, std::int64_t row) {
        std::size_t i = 0;
        for_each_column<T>([&](auto c) {
            constexpr std::size_t C = decltype(c)::value;
            if constexpr (returned_on_insert<T, WithKey>(C)) decode_column<T, C>(obj, cells[i], {}, i, row), ++i;
        });
    }
    void read_returned(entry_base& b, bool with_key, std::span<const value_view> cells,
                       std::int64_t row) override {
        if (with_key)
            read_back<true>(of(b).object, cells, row);
        else
            read_back<false>(of(b).object, cells, row);
    }

    [[nodiscard]] entry_base* find_same_key(const entry_base& b) const override {
        return storage.find(key_of(of(b).object));
    }
    void index(entry_base& b) override { storage.index(of(b)); }
    void unindex(entry_base& b) override { storage.unindex(of(b)); }
    void take_snapshot(entry_base& b) override { of(b).snapshot.emplace(storage.snapshot(of(b).object)); }

    void collect_dirty(std::vector<entry_base*>& out) override {
        for (entry_base* b : entries()) {
            if (b->state != object_state::persistent || b->remove_requested) continue;
            const entry_type& e = of(*b);
            if (e.snapshot && changed_columns(e.object, *e.snapshot) != 0) out.push_back(b);
        }
    }

    static constexpr bool one_integer_key() {
        using K = key_t<T>;
        if constexpr (std::tuple_size_v<K> == 1)
            return std::is_integral_v<std::tuple_element_t<0, K>>;
        else
            return false;
    }
    [[nodiscard]] bool integer_key(const entry_base& b, std::uint64_t& order) const override {
        if constexpr (one_integer_key()) {
            const auto key = field<field_of_column<T, M::primary_key.columns[0]>>(of(b).object);
            if constexpr (std::is_signed_v<decltype(key)>)
                order = order_of_signed(static_cast<std::int64_t>(key));
            else
                order = static_cast<std::uint64_t>(key);
            return true;
        } else {
            return false;
        }
    }
    void sort_by_key(std::vector<entry_base*>& list) const override {
        if constexpr (!one_integer_key() && ordered_key<key_t<T>>) {
            sort_entries(list, [](const entry_base* a, const entry_base* b) {
                return key_of(of(*a).object) < key_of(of(*b).object);
            });
        }
    }

    [[nodiscard]] std::uint64_t changed(const entry_base& b) const override {
        const entry_type& e = of(b);
        return e.snapshot ? changed_columns(e.object, *e.snapshot) : 0;
    }

    void bind_update(const entry_base& b, std::uint64_t mask, value_view* out,
                     scratch_strings& scratch) const override {
        const T& obj = of(b).object;
        std::size_t k = 0;
        auto put = [&](auto c) {
            constexpr std::size_t C = decltype(c)::value;
            out[k++] = type_traits<column_field_t<T, C>>::to_value(field<field_of_column<T, C>>(obj),
                                                                   scratch.emplace_back());
        };
        for_each_column<T>([&](auto c) {
            if ((mask & (std::uint64_t{1} << decltype(c)::value)) != 0) put(c);
        });
        [&]<std::size_t... K>(std::index_sequence<K...>) {
            (put(std::integral_constant<std::size_t, M::primary_key.columns[K]>{}), ...);
        }(std::make_index_sequence<M::primary_key.size>{});
    }

    void resnapshot(entry_base& b, std::uint64_t mask) override { storage.resnapshot(of(b), mask); }
    void bind_key(const entry_base& b) override { bind_key(of(b).object); }
    [[nodiscard]] std::string_view delete_text(dialect_kind d) const override {
        return text_for<delete_by_key_node<T>>(d);
    }

    journal_snapshots<T>& saved(std::size_t index) {
        auto& j = storage.journal();
        if (j.size() <= index) j.resize(index + 1);
        return j[index];
    }
    void save_snapshot(entry_base& b, std::size_t index) override { saved(index).snapshot = of(b).snapshot; }
    void save_columns(entry_base& b, std::size_t index) override {
        saved(index).columns = storage.snapshot(of(b).object);
    }
    void unsave_insert(entry_base& b, std::size_t index) override {
        entry_type& e = of(b);
        if (auto& before = saved(index).columns) orm::detail::restore_snapshot(e.object, *before, returned_mask());
        e.snapshot.reset();
    }
    void restore_saved(entry_base& b, std::size_t index) override {
        of(b).snapshot = std::move(saved(index).snapshot);
    }
    void clear_saved() override { storage.journal().clear(); }
    void compact() override { storage.compact_snapshots(); }
    void restore_snapshot(entry_base& b) override {
        entry_type& e = of(b);
        if (e.snapshot) orm::detail::restore_snapshot(e.object, *e.snapshot);
    }
    void forget_all() override { storage.detach_all(); }

    // ---- reading rows -------------------------------------------------------------------------

    T& read_into_slot(std::span<const value_view> row, const retort::detail::row_context& ctx) {
        T& slot = storage.loaded_slot();
        try {
            retort::detail::row_reader<T>::read(slot, row, ctx);
        } catch (...) {
            storage.drop_loaded_slot();
            throw;
        }
        return slot;
    }

    static key_t<T> key_from_row(std::span<const value_view> row, const retort::detail::row_context& ctx) {
        return [&]<std::size_t... K>(std::index_sequence<K...>) {
            return key_t<T>{key_cell<M::primary_key.columns[K]>(row, ctx)...};
        }(std::make_index_sequence<M::primary_key.size>{});
    }
    template <std::size_t C>
    static column_field_t<T, C> key_cell(std::span<const value_view> row, const retort::detail::row_context& ctx) {
        column_field_t<T, C> v{};
        try {
            retort::detail::read_cell(v, row[C]);
        } catch (const error& e) {
            retort::detail::throw_cell_error(e, M::table_name, M::columns[C].name, C, ctx.row_number(), ctx.sql);
        }
        return v;
    }
};

}  // namespace retort::orm::detail
