// A model's fields and the options of its mapping, read once into plain records.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "retort/reflect/reflect.hpp"
#include "retort/schema/options.hpp"
#include "retort/schema/relationship.hpp"
#include "retort/types/traits.hpp"

namespace retort::detail {

inline constexpr std::size_t npos = static_cast<std::size_t>(-1);
inline constexpr std::size_t max_key_columns = 8;

// ---- what a member's type makes it: a column or a relationship --------------------------

template <class F>
struct relationship_shape {
    static constexpr bool is_relationship = false;
    static constexpr bool to_many = false;
    using target = void;
};
template <class X>
    requires(std::is_class_v<X> && !bindable<X>)
struct relationship_shape<std::vector<X>> {
    static constexpr bool is_relationship = true;
    static constexpr bool to_many = true;
    using target = X;
};
template <class X>
    requires(std::is_class_v<X> && !bindable<X>)
struct relationship_shape<std::optional<X>> {
    static constexpr bool is_relationship = true;
    static constexpr bool to_many = false;
    using target = X;
};

template <class X>
struct relationship_shape<retort::many<X>> {
    static constexpr bool is_relationship = true;
    static constexpr bool to_many = true;
    using target = X;
};
template <class X>
struct relationship_shape<retort::one<X>> {
    static constexpr bool is_relationship = true;
    static constexpr bool to_many = false;
    using target = X;
};
template <class X>
    requires(std::is_class_v<X> && !bindable<X> && std::is_aggregate_v<X>)
struct relationship_shape<X> {
    static constexpr bool is_relationship = true;
    static constexpr bool to_many = false;
    using target = X;
};

/** Members of these types are relationships, never columns. */
template <class F>
inline constexpr bool is_relationship_member_v = relationship_shape<F>::is_relationship;

// ---- table and column names, cheap enough to ask of any model (no full model needed) -----

constexpr char to_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

/** `BlogPost` -> `blog_post`. */
template <class T>
struct default_table_name {
    static constexpr std::string_view type_name = reflect::type_name_v<T>;
    static constexpr std::size_t size = [] {
        std::size_t n = 0;
        for (std::size_t i = 0; i != type_name.size(); ++i) {
            char c = type_name[i];
            if (c >= 'A' && c <= 'Z' && i != 0 && type_name[i - 1] != '_') ++n;
            ++n;
        }
        return n;
    }();
    static constexpr auto chars = [] {
        std::array<char, size + 1> out{};
        std::size_t n = 0;
        for (std::size_t i = 0; i != type_name.size(); ++i) {
            char c = type_name[i];
            if (c >= 'A' && c <= 'Z' && i != 0 && type_name[i - 1] != '_') out[n++] = '_';
            out[n++] = to_lower(c);
        }
        return out;
    }();
    static constexpr std::string_view value{chars.data(), size};
};

template <class T>
constexpr std::string_view table_name_of() {
    // The default name parses the type's spelling: only when the mapping gives none.
    if constexpr (!table<T>.name.empty())
        return table<T>.name;
    else
        return default_table_name<T>::value;
}

template <class O>
struct is_column_def : std::false_type {};
template <auto M, class Fk>
struct is_column_def<column_def<M, Fk>> : std::true_type {};

/** Calls `f.template operator()<K>()` for each option index K of `table<T>`; inside, the
 *  option is a constant: `constexpr const auto& opt = std::get<K>(table<T>.options);`. */
template <class T, class F>
constexpr void for_each_option(F&& f) {
    using options = std::remove_cvref_t<decltype(table<T>.options)>;
    [&]<std::size_t... K>(std::index_sequence<K...>) {
        (f.template operator()<K>(), ...);
    }(std::make_index_sequence<std::tuple_size_v<options>>{});
}

/** The index of the field `mp` names in T (through Hana-adapted mixins too), npos when it is a
 *  member of another struct. Templated on the member pointer's type, not its value: one
 *  instantiation serves every member of that type. */
template <class T, class C, class F>
constexpr std::size_t field_index_of(F C::*mp) {
    if constexpr (std::is_same_v<C, T> || std::is_base_of_v<C, T>)
        return reflect::info<T>::index_of(mp);
    else
        return npos;
}

/** The index of field `MP` within T, through Hana-adapted mixins too. */
template <class T, auto MP>
constexpr std::size_t field_index_in() {
    return field_index_of<T>(MP);
}

// ---- fields and options as plain data ---------------------------------------------------
//
// A model's fields and the options of its mapping are read once each into arrays of plain
// records; everything model<T> computes from them is then ordinary loops over those arrays.
// Visiting the options with a generic lambda per question, or reaching each field's type by
// index, instantiated templates per field and per option for every question asked, which was
// most of what a model cost to compile.

/** What a field's type makes it: a column (of some SQL type) or a relationship. */
struct field_shape {
    bool column = false;
    sql_kind kind = sql_kind::text;
    bool nullable = false;
};

template <class F>
constexpr field_shape shape_of_field() {
    if constexpr (is_relationship_member_v<F>) {
        return {};
    } else {
        static_assert(require_mappable<F>());
        return {true, sql_kind_v<F>, nullable_v<F>};
    }
}

template <class... F>
constexpr std::array<field_shape, sizeof...(F)> shapes_of(type_list<F...>) {
    return {shape_of_field<F>()...};
}

template <std::size_t N>
constexpr std::array<bool, N> columns_of(const std::array<field_shape, N>& shapes) {
    std::array<bool, N> out{};
    for (std::size_t i = 0; i != N; ++i) out[i] = shapes[i].column;
    return out;
}

/** The fields of T as data; light enough for the checks of another model's mapping. */
template <class T>
struct model_fields {
    static constexpr std::size_t count = reflect::field_count_v<T>;
    static constexpr std::array<field_shape, count> shapes =
        shapes_of(reflect::field_types_t<T>{});
    static constexpr std::array<bool, count> is_column = columns_of(shapes);
};

/** A type's identity as a value: its qualified name. Not an address: g++ does not fold the
 *  comparison of a variable's address in a constant expression under -fsanitize=address. */
template <class T>
inline constexpr std::string_view type_id_of =
    reflect::detail::parse_qualified_type(reflect::detail::pretty_of_type<T>());

enum class option_kind : std::uint8_t { column, primary_key, index, unique, check, other };

/** One option of `table<T>` as plain data, whatever its type. */
struct option_info {
    option_kind what = option_kind::other;
    std::size_t field = npos;  // column<&T::m>: the field it names
    std::string_view name{};   // column: rename; index, unique, check: the constraint's name
    std::size_t max_length = 0;
    bool unique = false;  // column: .unique(); index: .unique()
    bool index = false;
    bool primary_key = false;
    bool autoincrement = true;
    literal default_value{};
    literal server_default{};
    std::string_view check{};  // column: .check(sql); check: its SQL
    std::string_view fk_model{};  // type_id_of the referenced model; empty: no foreign key
    std::string_view fk_table{};
    std::string_view fk_column{};
    fk_action on_delete = fk_action::no_action;
    fk_action on_update = fk_action::no_action;
    std::array<std::size_t, max_key_columns> fields{};  // primary key, index, unique
    std::size_t size = 0;
};

template <class T, auto... M>
constexpr option_info key_option(option_kind what) {
    option_info o{};
    o.what = what;
    for (std::size_t f : {field_index_of<T>(M)...})
        if (o.size != max_key_columns) o.fields[o.size++] = f;
    return o;
}

struct column_rename {
    std::size_t field = npos;
    std::string_view name{};
};

/** Column renames only: what another model's foreign key needs of this one. */
template <class T>
struct model_renames {
    template <class O>
    static constexpr column_rename of(const O& o) {
        if constexpr (is_column_def<O>::value)
            return {field_index_of<T>(O::member), o.name};
        else
            return {};
    }
    template <std::size_t... K>
    static constexpr auto all(std::index_sequence<K...>) {
        return std::array<column_rename, sizeof...(K)>{of(std::get<K>(table<T>.options))...};
    }
    static constexpr auto value = all(std::make_index_sequence<
        std::tuple_size_v<std::remove_cvref_t<decltype(table<T>.options)>>>{});
};

/** The column name of field `i` of T: a `column_name()` option, else the member's name. */
template <class T>
constexpr std::string_view column_name_at(std::size_t i) {
    std::string_view out = reflect::field_names_v<T>[i];
    for (const auto& r : model_renames<T>::value)
        if (r.field == i && !r.name.empty()) out = r.name;
    return out;
}

template <class T, auto M, class Fk>
constexpr option_info describe_option(const column_def<M, Fk>& c) {
    option_info o{};
    o.what = option_kind::column;
    o.field = field_index_of<T>(M);
    o.name = c.name;
    o.max_length = c.max_length_value;
    o.unique = c.unique_flag;
    o.index = c.index_flag;
    o.primary_key = c.primary_key_flag;
    o.autoincrement = c.autoincrement_flag;
    o.default_value = c.default_literal;
    o.server_default = c.server_default_literal;
    o.check = c.check_sql;
    if constexpr (!std::is_same_v<Fk, no_fk>) {
        using target = typename Fk::target_class;
        const std::size_t ti = reflect::info<target>::index_of(c.fk.member);
        o.fk_model = type_id_of<target>;
        o.fk_table = table_name_of<target>();
        if (ti < reflect::field_count_v<target>) o.fk_column = column_name_at<target>(ti);
        o.on_delete = c.fk.on_delete;
        o.on_update = c.fk.on_update;
    }
    return o;
}
template <class T, auto... M>
constexpr option_info describe_option(const primary_key_def<M...>&) {
    return key_option<T, M...>(option_kind::primary_key);
}
template <class T, auto... M>
constexpr option_info describe_option(const index_def<M...>& d) {
    option_info o = key_option<T, M...>(option_kind::index);
    o.unique = d.unique_flag;
    o.name = d.name;
    return o;
}
template <class T, auto... M>
constexpr option_info describe_option(const unique_def<M...>& d) {
    option_info o = key_option<T, M...>(option_kind::unique);
    o.name = d.name;
    return o;
}
template <class T>
constexpr option_info describe_option(const check_def& d) {
    option_info o{};
    o.what = option_kind::check;
    o.name = d.name;
    o.check = d.sql;
    return o;
}
template <class T, class O>
constexpr option_info describe_option(const O&) {
    return {};
}

/** The options of `table<T>`, in mapping order, as `option_info` records. */
template <class T>
struct model_options {
    template <std::size_t... K>
    static constexpr std::array<option_info, sizeof...(K)> all(std::index_sequence<K...>) {
        return {describe_option<T>(std::get<K>(table<T>.options))...};
    }
    static constexpr auto value = all(std::make_index_sequence<
        std::tuple_size_v<std::remove_cvref_t<decltype(table<T>.options)>>>{});
};

}  // namespace retort::detail
