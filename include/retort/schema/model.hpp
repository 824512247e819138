// What retort knows of a model at compile time: table, columns, keys, indexes, relationships.
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
    if constexpr (requires { table<T>.name; }) {
        if (!table<T>.name.empty()) return table<T>.name;
    }
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

/** The index of field `MP` within T, through Hana-adapted mixins too. */
template <class T, auto MP>
constexpr std::size_t field_index_in() {
    using C = reflect::member_class_t<MP>;
    if constexpr (std::is_same_v<C, T> || std::is_base_of_v<C, T>)
        return reflect::info<T>::index_of(MP);
    else
        return npos;
}

/** The column name of field I of T: a `column_name()` option, else the member's name. */
template <class T, std::size_t I>
constexpr std::string_view column_name_of() {
    std::string_view out = reflect::field_names_v<T>[I];
    for_each_option<T>([&]<std::size_t K>() {
        constexpr const auto& opt = std::get<K>(table<T>.options);
        using O = std::remove_cvref_t<decltype(opt)>;
                    if constexpr (is_column_def<O>::value) {
                        if constexpr (field_index_in<T, O::member>() == I)
                            if (!opt.name.empty()) out = opt.name;
                    }
    });
    return out;
}

// ---- the per-column and per-model records ------------------------------------------------

struct column_info {
    std::string_view name{};
    std::size_t field = 0;
    sql_kind kind = sql_kind::text;
    bool nullable = false;
    std::size_t max_length = 0;
    bool primary_key = false;
    bool autoincrement = false;
    bool unique = false;
    bool index = false;
    literal default_value{};
    literal server_default{};
    std::string_view check{};
    bool has_fk = false;
    std::string_view fk_table{};
    std::string_view fk_column{};
    fk_action on_delete = fk_action::no_action;
    fk_action on_update = fk_action::no_action;
};

struct key_info {
    std::array<std::size_t, max_key_columns> columns{};  // column indices
    std::size_t size = 0;
    bool unique = false;
    std::string_view name{};
};

struct check_info {
    std::string_view name{};
    std::string_view sql{};
};

// ---- the checks of a mapping, one readable message each --------------------------------

template <class O>
struct is_primary_key_def : std::false_type {};
template <auto... M>
struct is_primary_key_def<primary_key_def<M...>> : std::true_type {};

template <class O>
struct is_relationship_def : std::false_type {};
template <relationship_kind K, auto M, class Key, class Other>
struct is_relationship_def<relationship_def<K, M, Key, Other>> : std::true_type {};

template <class O>
struct is_index_def : std::false_type {};
template <auto... M>
struct is_index_def<index_def<M...>> : std::true_type {};

template <class O>
struct is_unique_def : std::false_type {};
template <auto... M>
struct is_unique_def<unique_def<M...>> : std::true_type {};

template <class T, auto... Ms>
constexpr bool all_members_of() {
    return ((field_index_in<T, Ms>() != npos) && ...);
}

/** Whether field I of T is a relationship; false for npos (not a field of T). */
template <class T, std::size_t I>
constexpr bool is_relationship_field() {
    if constexpr (I == npos)
        return false;
    else
        return is_relationship_member_v<reflect::field_t<T, I>>;
}

template <class T, auto... Ms>
constexpr bool no_relationship_member() {
    return (!is_relationship_field<T, field_index_in<T, Ms>()>() && ...);
}

/** The members of a primary_key<...>, index<...> or unique<...>, checked against T. */
template <class T, class O>
struct key_members;
template <class T, template <auto...> class D, auto... M>
struct key_members<T, D<M...>> {
    static_assert(all_members_of<T, M...>(),
                  "retort::table<T>: a primary key, index or unique constraint names a member of "
                  "another struct");
    static_assert(no_relationship_member<T, M...>(),
                  "retort::table<T>: a primary key, index or unique constraint names a "
                  "relationship member");
    static_assert(sizeof...(M) <= max_key_columns,
                  "a primary key, index or unique constraint has at most 8 columns");
    static constexpr bool valid = true;
    static constexpr std::array<std::size_t, sizeof...(M)> fields{field_index_in<T, M>()...};
};

template <class A, class B>
inline constexpr bool same_value_type_v =
    std::is_same_v<typename optional_inner<A>::type, typename optional_inner<B>::type>;

/** Does `Key` (a member of Child) have a references() option pointing at model `Parent`? */
template <class Child, auto Key, class Parent>
constexpr bool references_model() {
    bool found = false;
    for_each_option<Child>([&]<std::size_t K>() {
        constexpr const auto& opt = std::get<K>(table<Child>.options);
        using O = std::remove_cvref_t<decltype(opt)>;
                    if constexpr (is_column_def<O>::value) {
                        if constexpr (!std::is_same_v<typename O::fk_type, no_fk> &&
                                      field_index_in<Child, O::member>() ==
                                          field_index_in<Child, Key>()) {
                            if (std::is_same_v<typename O::fk_type::target_class, Parent>)
                                found = true;
                        }
                    }
    });
    return found;
}

template <class T, std::size_t K>
constexpr bool check_option() {
    constexpr const auto& opt = std::get<K>(table<T>.options);
    using O = std::remove_cvref_t<decltype(opt)>;
    if constexpr (is_column_def<O>::value) {
        static_assert(field_index_in<T, O::member>() != npos,
                      "retort::table<T>: column<&X::member> names a member of another struct; "
                      "every option in table<T> must name a member of T");
        if constexpr (field_index_in<T, O::member>() != npos) {
            static_assert(!is_relationship_field<T, field_index_in<T, O::member>()>(),
                          "retort::table<T>: column<...> names a relationship member; map it with "
                          "has_many, has_one, belongs_to or many_to_many");
        }
        if constexpr (!std::is_same_v<typename O::fk_type, no_fk>) {
            using target = typename O::fk_type::target_class;
            constexpr std::size_t ti = reflect::info<target>::index_of(opt.fk.member);
            static_assert(ti < reflect::field_count_v<target> &&
                              !is_relationship_member_v<reflect::field_t<target, ti>>,
                          "references(): the foreign key must point to a column of the referenced "
                          "model, not to a relationship or a missing member");
            static_assert(same_value_type_v<typename O::member_type, typename O::fk_type::target_type>,
                          "references(): the foreign key's type differs from the referenced "
                          "column's type");
        }
    } else if constexpr (is_primary_key_def<O>::value || is_index_def<O>::value ||
                         is_unique_def<O>::value) {
        static_assert(key_members<T, O>::valid);
    } else if constexpr (is_relationship_def<O>::value) {
        constexpr auto rel = O::member;
        static_assert(field_index_in<T, rel>() != npos,
                      "retort::table<T>: a relationship names a member of another struct");
        using shape = relationship_shape<reflect::member_type_t<rel>>;
        static_assert(shape::is_relationship,
                      "a relationship member must be retort::many<Model> or retort::one<Model> "
                      "(or std::vector<Model>, std::optional<Model>, Model for plain values)");
        using other = typename shape::target;
        if constexpr (O::kind == relationship_kind::has_many ||
                      O::kind == relationship_kind::many_to_many) {
            static_assert(shape::to_many,
                          "has_many and many_to_many members must be retort::many<Model> (or "
                          "std::vector<Model>)");
        } else {
            static_assert(!shape::to_many,
                          "belongs_to and has_one members hold one object: retort::one<Model> "
                          "(or std::optional<Model>), not a collection");
        }
        static_assert(!std::is_same_v<typename O::key_type, no_key>,
                      "a relationship needs its foreign key: .by(&Child::fk) or "
                      ".through(&Assoc::this_id, &Assoc::other_id)");
        if constexpr (!std::is_same_v<typename O::key_type, no_key>) {
            constexpr auto key = opt.key;
            using key_class = reflect::member_class_t<key>;
            if constexpr (O::kind == relationship_kind::has_many ||
                          O::kind == relationship_kind::has_one) {
                static_assert(std::is_same_v<key_class, other> || std::is_base_of_v<key_class, other>,
                              "has_many/has_one .by(): the foreign key must be a member of the "
                              "related model");
                static_assert(references_model<other, key, T>(),
                              "relationship: its foreign key does not point back to this model; "
                              "add column<&Child::fk>.references(&Parent::id) to table<Child>");
            } else if constexpr (O::kind == relationship_kind::belongs_to) {
                static_assert(field_index_in<T, key>() != npos,
                              "belongs_to .by(): the foreign key must be a member of this model");
                static_assert(references_model<T, key, other>(),
                              "relationship: its foreign key does not point to the related model; "
                              "add column<&Model::fk>.references(&Related::id)");
            } else {
                constexpr auto other_key = opt.other;
                static_assert(references_model<key_class, key, T>(),
                              "many_to_many .through(): the first key of the association model must "
                              "reference this model");
                static_assert(references_model<key_class, other_key, other>(),
                              "many_to_many .through(): the second key of the association model "
                              "must reference the related model");
            }
        }
    }
    return true;
}

template <class T, std::size_t... K>
constexpr bool check_options(std::index_sequence<K...>) {
    return (check_option<T, K>() && ...);
}

/**
 * Everything about model T, computed once: `table_name`, `columns` (in field order, without
 * relationships), `column_of_field`, `primary_key`, `indexes`, `uniques`, `checks`.
 */
template <class T>
struct model {
    static_assert(reflect::reflectable<T>,
                  "retort: a model must be a struct (an aggregate, or adapted with "
                  "BOOST_HANA_ADAPT_STRUCT)");
    using type = T;
    static constexpr auto& mapping = table<T>;
    using options_type = std::remove_cvref_t<decltype(mapping.options)>;
    static constexpr std::size_t option_count = std::tuple_size_v<options_type>;
    static constexpr bool checked = check_options<T>(std::make_index_sequence<option_count>{});

    static constexpr std::size_t field_count = reflect::field_count_v<T>;
    static constexpr std::string_view table_name = table_name_of<T>();

    static constexpr auto is_column = []<std::size_t... I>(std::index_sequence<I...>) {
        return std::array<bool, field_count>{
            !is_relationship_member_v<reflect::field_t<T, I>>...};
    }(std::make_index_sequence<field_count>{});

    static constexpr std::size_t column_count = [] {
        std::size_t n = 0;
        for (bool b : is_column) n += b ? 1 : 0;
        return n;
    }();

    static constexpr auto column_of_field = [] {
        std::array<std::size_t, field_count> out{};
        std::size_t c = 0;
        for (std::size_t i = 0; i != field_count; ++i) out[i] = is_column[i] ? c++ : npos;
        return out;
    }();

    static constexpr auto field_of_column = [] {
        std::array<std::size_t, column_count> out{};
        for (std::size_t i = 0; i != field_count; ++i)
            if (is_column[i]) out[column_of_field[i]] = i;
        return out;
    }();

    template <auto MP>
    static constexpr std::size_t column_index = [] {
        constexpr std::size_t f = field_index_in<T, MP>();
        return f == npos ? npos : column_of_field[f];
    }();

    static constexpr auto columns = [] {
        std::array<column_info, column_count> out{};
        [&]<std::size_t... I>(std::index_sequence<I...>) {
            (
                [&] {
                    using F = reflect::field_t<T, I>;
                    if constexpr (!is_relationship_member_v<F>) {
                        static_assert(require_mappable<F>());
                        column_info& c = out[column_of_field[I]];
                        c.name = column_name_of<T, I>();
                        c.field = I;
                        c.kind = sql_kind_v<F>;
                        c.nullable = nullable_v<F>;
                        c.autoincrement = true;
                    }
                }(),
                ...);
        }(std::make_index_sequence<field_count>{});

        bool declared_pk = false;
        for_each_option<T>([&]<std::size_t K>() {
            constexpr const auto& opt = std::get<K>(table<T>.options);
            using O = std::remove_cvref_t<decltype(opt)>;
                        if constexpr (is_column_def<O>::value) {
                            constexpr std::size_t f = field_index_in<T, O::member>();
                            if constexpr (f != npos) {
                            if constexpr (!is_relationship_member_v<reflect::field_t<T, f>>) {
                                column_info& c = out[column_of_field[f]];
                                c.max_length = opt.max_length_value;
                                c.unique = opt.unique_flag;
                                c.index = opt.index_flag;
                                if (opt.primary_key_flag) {
                                    c.primary_key = true;
                                    declared_pk = true;
                                }
                                c.autoincrement = opt.autoincrement_flag;
                                c.default_value = opt.default_literal;
                                c.server_default = opt.server_default_literal;
                                c.check = opt.check_sql;
                                if constexpr (!std::is_same_v<typename O::fk_type, no_fk>) {
                                    using target = typename O::fk_type::target_class;
                                    constexpr std::size_t ti =
                                        reflect::info<target>::index_of(opt.fk.member);
                                    c.has_fk = true;
                                    c.fk_table = table_name_of<target>();
                                    if constexpr (ti < reflect::field_count_v<target>)
                                        c.fk_column = column_name_of<target, ti>();
                                    c.on_delete = opt.fk.on_delete;
                                    c.on_update = opt.fk.on_update;
                                }
                            }
                            }
                        } else if constexpr (is_primary_key_def<O>::value) {
                            declared_pk = true;
                            for (std::size_t f : key_members<T, O>::fields)
                                out[column_of_field[f]].primary_key = true;
                        }
        });

        if (!declared_pk) {
            for (auto& c : out)
                if (reflect::field_names_v<T>[c.field] == "id") c.primary_key = true;
        }
        std::size_t pk_count = 0;
        for (auto& c : out) pk_count += c.primary_key ? 1 : 0;
        for (auto& c : out) {
            const bool integer = c.kind == sql_kind::smallint || c.kind == sql_kind::integer ||
                                 c.kind == sql_kind::bigint;
            c.autoincrement = c.autoincrement && c.primary_key && pk_count == 1 && integer &&
                              !c.has_fk;
            if (!c.primary_key) c.autoincrement = false;
        }
        return out;
    }();

    static constexpr std::size_t pk_declarations = [] {
        std::size_t n = 0;
        for_each_option<T>([&]<std::size_t K>() {
            constexpr const auto& opt = std::get<K>(table<T>.options);
            using O = std::remove_cvref_t<decltype(opt)>;
                        if constexpr (is_column_def<O>::value) n += opt.primary_key_flag ? 1 : 0;
                        if constexpr (is_primary_key_def<O>::value) ++n;
        });
        return n;
    }();
    static_assert(pk_declarations <= 1,
                  "retort::table<T>: two primary-key declarations; declare a composite key once, "
                  "with retort::primary_key<&T::a, &T::b>");

    static constexpr key_info primary_key = [] {
        key_info k{};
        for (std::size_t i = 0; i != column_count; ++i)
            if (columns[i].primary_key && k.size < max_key_columns) k.columns[k.size++] = i;
        k.unique = true;
        return k;
    }();
    static constexpr bool has_primary_key = primary_key.size != 0;
    /** The generated key column, when there is one (a single integer key). */
    static constexpr std::size_t autoincrement_column = [] {
        for (std::size_t i = 0; i != column_count; ++i)
            if (columns[i].autoincrement) return i;
        return npos;
    }();

    template <bool Unique>
    static constexpr std::size_t count_keys() {
        std::size_t n = 0;
        for_each_option<T>([&]<std::size_t K>() {
            constexpr const auto& opt = std::get<K>(table<T>.options);
            using O = std::remove_cvref_t<decltype(opt)>;
                        if constexpr (Unique ? is_unique_def<O>::value : is_index_def<O>::value) ++n;
                        if constexpr (!Unique && is_column_def<O>::value) n += opt.index_flag ? 1 : 0;
                        if constexpr (Unique && is_column_def<O>::value) n += opt.unique_flag ? 1 : 0;
        });
        return n;
    }

    /** Indexes (Unique=false) or UNIQUE constraints (Unique=true), in mapping order. */
    template <bool Unique>
    static constexpr auto collect_keys() {
        std::array<key_info, count_keys<Unique>()> out{};
        std::size_t n = 0;
        for_each_option<T>([&]<std::size_t K>() {
            constexpr const auto& opt = std::get<K>(table<T>.options);
            using O = std::remove_cvref_t<decltype(opt)>;
                        if constexpr (is_column_def<O>::value) {
                            if ((Unique ? opt.unique_flag : opt.index_flag) &&
                                field_index_in<T, O::member>() != npos) {
                                out[n].columns[0] = column_of_field[field_index_in<T, O::member>()];
                                out[n].size = 1;
                                out[n].unique = false;
                                ++n;
                            }
                        } else if constexpr (Unique ? is_unique_def<O>::value : is_index_def<O>::value) {
                            key_info& k = out[n++];
                            for (std::size_t f : key_members<T, O>::fields)
                                k.columns[k.size++] = column_of_field[f];
                            if constexpr (requires { opt.unique_flag; }) k.unique = opt.unique_flag;
                            k.name = opt.name;
                        }
        });
        return out;
    }
};

}  // namespace retort::detail
